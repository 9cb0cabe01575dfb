"""What the task worker does when it starts: recover from an earlier crash."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wijkregie.deidentification import services as deidentification
from wijkregie.registrations import services as registrations

log = logging.getLogger(__name__)


def recover() -> dict[str, int]:
    """Tasks and imports that were running when the previous worker stopped are marked failed
    (their raw uploads deleted); texts whose shared version is missing are queued again."""
    tasks = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
    runs = registrations.recover_interrupted()
    pending = deidentification.request_missing_shared_versions()
    if tasks or runs or pending:
        log.warning(
            "Recovered at worker start: %s tasks and %s imports marked failed, %s texts queued "
            "for de-identification",
            tasks,
            runs,
            pending,
        )
    return {"tasks": tasks, "imports": runs, "texts": pending}
