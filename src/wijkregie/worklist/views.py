"""The task list: every kind of task of the user with its items (the start page's links)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from wijkregie.worklist import selectors


class TaskListView(View):
    """All open tasks of the user, per kind, each item with its link."""

    def get(self, request):
        if not request.user.roles:
            raise PermissionDenied
        tasks = selectors.tasks_for(request.user)
        return render(
            request,
            "worklist/tasks.html",
            {"tasks": tasks, "today": timezone.localdate()},
        )


class TaskDetailView(View):
    """One kind of task with every item: the list behind a count on the start page."""

    def get(self, request, key: str):
        if key not in selectors.KINDS:
            raise Http404
        task = selectors.task_for(request.user, key)
        if task is None:
            raise PermissionDenied
        return render(request, "worklist/task.html", {"task": task})
