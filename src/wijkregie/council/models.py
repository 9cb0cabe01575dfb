"""The council's half-year report: built in the background from every app's data, previewed as
a draft, and published as an immutable version with its checksum, author and date, so the
council can cite it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilReport(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be built")
        BUILDING = "building", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    period = models.CharField(_("half-year"), max_length=6)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    pdf = models.BinaryField(null=True, editable=False)
    docx = models.BinaryField(null=True, editable=False)
    #: SHA-256 of the PDF: what the council cites.
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    #: The public release the figures come from, and every cell suppressed or rounded in it.
    release_checksum = models.CharField(max_length=64, blank=True)
    record = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    #: 1, 2, … per half-year among the published versions.
    version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)

    class Meta:
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        ordering = ["-period", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.period} v{self.version}" if self.version else f"{self.period} (concept)"

    def save(self, *args, **kwargs) -> None:
        # A published version is immutable: it is what the council cites.
        if (
            self.pk
            and CouncilReport.objects.filter(pk=self.pk, published_at__isnull=False).exists()
        ):
            raise ValidationError(_("A published council report cannot be changed."))
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
