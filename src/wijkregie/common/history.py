"""Append-only history rows: a state change or note, who made it and when. A row is only ever
inserted; saving an existing row raises."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class HistoryEvent(models.Model):
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

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("History is append-only.")
        super().save(*args, **kwargs)
