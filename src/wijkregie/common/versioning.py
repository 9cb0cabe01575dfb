"""Optimistic locking: an edit based on an outdated version is refused, never silently applied."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """Someone else saved the object after the editor loaded it."""

    message = _(
        "Someone else changed this item after you opened it. Your changes have not been saved: "
        "reload the page, check the current values and make your change again."
    )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Every save outside save_versioned (e.g. the admin) still moves the version on, so an
        # editor holding the old version gets a conflict instead of overwriting it.
        bump = not self._state.adding
        if bump:
            self.version = models.F("version") + 1
        super().save(*args, **kwargs)
        if bump:
            self.refresh_from_db(fields=["version"])

    def save_versioned(self, *, expected_version: int, update_fields: list[str]) -> None:
        """Save ``update_fields`` only if the stored version still is ``expected_version``."""
        values = {field: getattr(self, field) for field in update_fields}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=expected_version)
            .update(version=models.F("version") + 1, **values)
        )
        if updated != 1:
            raise ConcurrentEditError()
        self.version = expected_version + 1


def save_new_or_versioned(obj: VersionedModel, *, expected_version: int | None, fields) -> None:
    """Insert a new object, or update ``fields`` only if nobody saved it since
    ``expected_version`` was read (else ``ConcurrentEditError``). ``None`` means: the version
    the object carries."""
    if obj.pk is None:
        obj.save()
    else:
        obj.save_versioned(
            expected_version=obj.version if expected_version is None else expected_version,
            update_fields=list(fields),
        )
