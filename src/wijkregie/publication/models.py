"""What Wijkregie publishes to everyone: a release of the public figures, built from the
protected aggregates whenever the facts change, with its disclosure record (which cell was
suppressed or rounded, and by which rule) and a checksum, so a published figure can be cited and
audited."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicRelease(models.Model):
    #: What the release was built from (the aggregates' state, the day's provisional
    #: half-years and the disclosure settings); a new stamp means a new release.
    stamp = models.CharField(max_length=200, unique=True)
    built_at = models.DateTimeField(auto_now_add=True)
    rows = models.JSONField(default=list)
    record = models.JSONField(default=list)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)

    class Meta:
        verbose_name = _("public release")
        verbose_name_plural = _("public releases")
        ordering = ["-built_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.built_at:%Y-%m-%d %H:%M} {self.checksum[:12]}"
