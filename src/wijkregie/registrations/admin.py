from django.contrib import admin

from wijkregie.registrations.models import MappingProfile


@admin.register(MappingProfile)
class MappingProfileAdmin(admin.ModelAdmin):
    """Column mapping profiles, until they can be made in the browser from a sample file.
    Trajectories are deliberately not in the admin: record-level data is for the delivering
    organisation only."""

    list_display = ["name", "organisation", "updated_at"]
    list_filter = ["organisation"]
