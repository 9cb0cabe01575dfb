from django.urls import path

from wijkregie.socialmap import views

app_name = "socialmap"

KINDS = "<str:kind>"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("wijk/<slug:code>/", views.AreaView.as_view(), name="area"),
    path("wijk/<slug:code>/flyer.pdf", views.FlyerView.as_view(), name="area_flyer"),
    path("diensten/<uuid:uuid>/", views.ServiceDetailView.as_view(), name="service_detail"),
    path("diensten/<uuid:uuid>/bewerken/", views.ServiceEditView.as_view(), name="service_edit"),
    path(
        "organisaties/<int:organisation>/diensten/nieuw/",
        views.ServiceEditView.as_view(),
        name="service_create",
    ),
    path("rollen/<uuid:uuid>/bewerken/", views.RoleEditView.as_view(), name="role_edit"),
    path(f"{KINDS}/<uuid:uuid>/actueel/", views.AssureView.as_view(), name="assure"),
    path(f"{KINDS}/<uuid:uuid>/klopt-niet/", views.FlagView.as_view(), name="flag"),
    path("meldingen/<int:pk>/afgehandeld/", views.FlagResolveView.as_view(), name="flag_resolve"),
    path("actualiteit/", views.FreshnessView.as_view(), name="freshness"),
    path("samenwerking/", views.LinksView.as_view(), name="links"),
    path("importeren/", views.ImportView.as_view(), name="import"),
]
