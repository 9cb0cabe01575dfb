"""Imported registration exports: pseudonymised trajectories, the runs that brought them in,
and the column mapping profiles for layouts other than the canonical one.

No raw identifier is stored anywhere in these tables: ``Trajectory.client`` is a keyed HMAC
(see ``pseudonyms``); a rejected run keeps only its report, whose values are masked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import HistoryEvent
from wijkregie.common.versioning import VersionedModel


class MappingProfile(VersionedModel):
    """How one organisation's export maps onto the canonical format: source header per
    canonical column, and value translations per column (``Licht`` → ``licht``)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="mapping_profiles",
    )
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=dict, blank=True)
    values = models.JSONField(_("value translations"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column mapping profile")
        verbose_name_plural = _("column mapping profiles")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_profile_name")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"


class Step(models.TextChoices):
    CHECKING = "checking", _("checking and preparing the rows")
    STORING = "storing", _("storing the rows and computing the figures")


class ImportRun(models.Model):
    """One delivered file and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        IMPORTED = "imported", _("imported")
        REJECTED = "rejected", _("rejected")
        REPLACED = "replaced", _("replaced by a later delivery")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="import_runs",
    )
    profile = models.ForeignKey(
        MappingProfile,
        verbose_name=_("column mapping profile"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    source = models.CharField(max_length=8, default="web")  # web / cli / demo
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(default=0)
    #: What a running import is doing now; written outside the import's transaction, so the
    #: upload's page can show it.
    step = models.CharField(_("step"), max_length=12, choices=Step.choices, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)
    first_day = models.DateField(null=True, blank=True)
    last_day = models.DateField(null=True, blank=True)
    periods = models.JSONField(default=list, blank=True)
    #: The report: [{"row", "column", "value" (masked), "message"}]; never a raw identifier.
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("registration import")
        verbose_name_plural = _("registration imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status not in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.IMPORTED:
            return 100
        return min(99, round(100 * self.processed / self.rows)) if self.rows else 0


class ImportRunEvent(HistoryEvent):
    """Append-only history of an import run: received, checked, stored, rejected, replaced."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass


class VisibleTrajectories(models.Manager):
    """The trajectories of finished imports only. An import writes its rows into the table
    while it runs, under its run; they become visible when the swap marks the run imported."""

    def get_queryset(self):
        # ``run_id IN (…)``, not a join on the run: SQLite then finds the rows through the
        # run's index instead of walking the organisation's rows, the running import's too.
        return (
            super()
            .get_queryset()
            .filter(run__in=ImportRun.objects.filter(status=ImportRun.Status.IMPORTED))
        )


class Trajectory(models.Model):
    """One row of a registration export: a period of support, an indication, a referral or a
    handover, for a pseudonymised client."""

    class Kind(models.TextChoices):
        SUPPORT = "ondersteuning", _("support by the team")
        IB_TEAM = "ib_team", _("individual support by the team")
        INDICATION_IB = "indicatie_ib", _("IB indication (Wmo provider)")
        INDICATION_OTHER = "indicatie_overig", _("other Wmo indication")
        REFERRAL = "verwijzing_voorveld", _("referral to a partner")
        HANDOVER = "overdracht_aanbieder", _("handover to a Wmo provider")

    class Profile(models.TextChoices):
        LIGHT = "licht", _("light")
        HEAVY = "zwaar", _("heavy")

    class Outflow(models.TextChoices):
        GOAL_REACHED = "doel_bereikt", _("goal reached")
        HANDED_OVER = "overgedragen", _("handed over")
        MOVED = "verhuisd", _("moved")
        STOPPED = "gestopt", _("stopped")
        DIED = "overleden", _("died")
        OTHER = "anders", _("other")

    # The importer is the only writer of trajectories and checks every reference itself (a
    # wijk and theme from Wijkregie's own lists, the file's organisation, its own run); Django
    # keeps PROTECT and CASCADE. So the database checks no foreign keys here, and there are no
    # single-column indexes on the organisation (the composite indexes below start with it),
    # the wijk or the theme (only deleting one of those looks them up): for a million rows
    # those checks and indexes cost the swap, which holds the lock, tens of seconds.
    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="trajectories", db_constraint=False
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="trajectories",
        db_index=False,
        db_constraint=False,
    )
    trajectory_id = models.CharField(_("trajectory id"), max_length=100)
    client = models.CharField(_("client (pseudonym)"), max_length=64)
    key_version = models.CharField(max_length=20)
    area = models.ForeignKey(
        "organisations.Area",
        on_delete=models.PROTECT,
        related_name="trajectories",
        db_index=False,
        db_constraint=False,
    )
    theme = models.ForeignKey(
        "organisations.Theme",
        on_delete=models.PROTECT,
        related_name="trajectories",
        db_index=False,
        db_constraint=False,
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    profile = models.CharField(_("profile"), max_length=8, choices=Profile.choices, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    outflow = models.CharField(
        _("outflow reason"), max_length=16, choices=Outflow.choices, blank=True
    )
    provider = models.CharField(_("provider"), max_length=50, blank=True)
    cost_per_year = models.DecimalField(
        _("cost per year"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    #: Every reader sees the visible rows (finished imports); the importer and the clean-up
    #: use ``all_rows``.
    all_rows = models.Manager()
    objects = VisibleTrajectories()

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        default_manager_name = "objects"
        base_manager_name = "all_rows"
        # A trajectory id is unique per organisation among the visible rows: the check rejects
        # a file that repeats one, and the swap removes the stored rows with the new rows' ids.
        # Not a unique constraint: while an import runs, its rows sit beside the ones they
        # replace.
        indexes = [
            models.Index(fields=["organisation", "start"], name="trajectory_org_start_idx"),
            models.Index(fields=["organisation", "trajectory_id"], name="trajectory_org_id_idx"),
        ]
        # No index on the client: no query selects trajectories by client (the handover and
        # re-entry windows are computed in DuckDB), and a random 64-character key cost the
        # swap of a million rows about 4 s on SQLite.

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.trajectory_id}"
