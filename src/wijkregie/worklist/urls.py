from django.urls import path

from wijkregie.worklist import views

app_name = "worklist"

urlpatterns = [
    path("", views.TaskListView.as_view(), name="list"),
    path("<slug:key>/", views.TaskDetailView.as_view(), name="detail"),
]
