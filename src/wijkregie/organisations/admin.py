from django.contrib import admin
from django.db import models

from wijkregie.organisations.models import Area, Organisation, Theme


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "code", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "cbs_code", "responsible_organisation"]
    search_fields = ["name", "code", "cbs_code"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "active"]
    search_fields = ["name", "code"]
