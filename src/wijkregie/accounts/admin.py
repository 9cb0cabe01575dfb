from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import Membership, User


class MembershipInline(admin.StackedInline):
    # Stacked, not tabular: every field keeps a visible label (WCAG 2.1, checked with axe).
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "valid_from", "valid_until"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
