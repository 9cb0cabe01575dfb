"""Append-only history, one base for all of it.

``AppendOnly`` is the base of every row that is only ever inserted: saving an existing row
raises, and so do ``update()`` and ``delete()`` on its querysets. Two kinds build on it:

- ``HistoryEvent``: a state change or a note (``from == to``), who made it and when — the
  history rows of every workflow (``common.workflow``);
- revisions (requirement versions, indicator revisions, pilot revisions): snapshots of a text or
  definition with their reason, ``changed_by`` and ``changed_at``, defined by their apps on
  ``AppendOnly``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("History is append-only.")

    def delete(self):
        raise PermissionError("History is append-only.")


class AppendOnly(models.Model):
    """A row that is inserted once and never changed (deleted only with its subject, by the
    database's cascade)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("History is append-only.")
        super().save(*args, **kwargs)


class HistoryEvent(AppendOnly):
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


def baseline_migration(app_label: str, model: str, event: str, subject: str, field: str):
    """A data-migration function: every existing ``model`` row gets a first history row (a note,
    ``from == to``) with its ``field`` when its history began. Used by the migrations that
    introduced a history for objects that already existed."""

    def baseline(apps, schema_editor):
        Model = apps.get_model(app_label, model)
        Event = apps.get_model(app_label, event)
        Event.objects.bulk_create(
            Event(
                **{subject: obj},
                from_state=getattr(obj, field),
                to_state=getattr(obj, field),
                note="Status bij de start van de geschiedenis.",
            )
            for obj in Model.objects.all()
        )

    return baseline
