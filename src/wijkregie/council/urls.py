from django.urls import path

from wijkregie.council import views

app_name = "council"

urlpatterns = [
    path("", views.ListView.as_view(), name="list"),
    path("nieuw/", views.RequestView.as_view(), name="request"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/publiceren/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/rapport.pdf", views.DownloadView.as_view(fmt="pdf"), name="pdf"),
    path("<int:pk>/rapport.docx", views.DownloadView.as_view(fmt="docx"), name="docx"),
]
