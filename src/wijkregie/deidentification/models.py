"""What the writer marked by hand, and previews of the shared version before saving."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MarkedDetail(models.Model):
    """A detail the writer saw in the shared version and marked: removed wherever it occurs in
    the texts of that object, now and in every later run."""

    model_label = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    term = models.CharField(_("detail"), max_length=200)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("marked detail")
        verbose_name_plural = _("marked details")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_id", "term"], name="unique_marked_detail"
            )
        ]
        indexes = [models.Index(fields=["model_label", "object_id"], name="marked_object_idx")]

    def __str__(self) -> str:
        return self.term


class Preview(models.Model):
    """The shared version of a text that is not saved yet: made by the task worker (which holds
    the model), read once by its writer, removed after an hour."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()
    marked = models.JSONField(default=list)
    shared = models.TextField(blank=True)
    spans = models.JSONField(default=list)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("preview")
        verbose_name_plural = _("previews")

    def __str__(self) -> str:
        return str(self.id)
