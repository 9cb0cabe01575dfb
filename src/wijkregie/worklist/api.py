"""``/api/v1/me/tasks/``: the caller's open tasks, the same list as the start page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.worklist import selectors


class ItemSerializer(serializers.Serializer):
    label = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    url = serializers.CharField(help_text="Path of the page where the item is handled.")


class TaskSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable name of the kind of task.")
    title = serializers.CharField()
    action = serializers.CharField()
    count = serializers.IntegerField()
    date_label = serializers.CharField(help_text="What an item's date means.")
    oldest = ItemSerializer(allow_null=True)
    list_url = serializers.CharField()
    items = ItemSerializer(many=True)


class MyTasksAPI(APIView):
    """The caller's tasks from every app: per kind a count, the oldest item and every item."""

    @extend_schema(responses={200: TaskSerializer(many=True)}, tags=["auth"])
    def get(self, request):
        return Response(TaskSerializer(selectors.tasks_for(request.user), many=True).data)
