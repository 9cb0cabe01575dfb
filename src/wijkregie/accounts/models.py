from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.roles import Role


class User(AbstractUser):
    """A person who logs in. What they may do follows from their memberships."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    @cached_property
    def active_memberships(self) -> list[Membership]:
        today = timezone.localdate()
        return [
            membership
            for membership in self.memberships.select_related("organisation")
            if membership.is_active_on(today)
        ]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(membership.role for membership in self.active_memberships)

    def organisation_ids_with_role(self, *roles: str) -> frozenset[int]:
        return frozenset(
            m.organisation_id for m in self.active_memberships if not roles or m.role in roles
        )

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def primary_membership(self) -> Membership | None:
        return self.active_memberships[0] if self.active_memberships else None

    def get_display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user holds a role in an organisation, optionally for a limited time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end date cannot lie before the start date.")}
            )

    def is_active_on(self, day) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One line of the append-only audit log: who did what, when, to which object."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGOUT = "logout", _("Logged out")
        LOCKED_OUT = "locked_out", _("Locked out")
        TWO_FACTOR_VERIFIED = "two_factor_verified", _("Two-factor code verified")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
        TOKEN_ISSUED = "token_issued", _("API token issued")
        PERMISSION_DENIED = "permission_denied", _("Permission denied")
        RECORD_READ = "record_read", _("Record-level data read")
        OBJECT_CHANGED = "object_changed", _("Object changed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # PROTECT: a user with audit history is deactivated, never deleted.
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
