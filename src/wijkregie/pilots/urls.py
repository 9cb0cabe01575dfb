from django.urls import path
app_name = "pilots"
urlpatterns = []
