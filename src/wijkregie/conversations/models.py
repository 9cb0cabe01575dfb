"""The memory of the partnership: bodies and their meetings, agenda items, minutes, decisions
and agreements (with their history), the development agenda and role agreements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import HistoryEvent
from wijkregie.common.periods import validate_period
from wijkregie.common.versioning import VersionedModel


class Body(VersionedModel):
    class Kind(models.TextChoices):
        STEERING = "stuurgroep", _("steering group")
        DEVELOPMENT = "ontwikkeloverleg", _("development consultation")
        CHAIN = "ketenoverleg", _("chain consultation")
        RESULT = "resultaatgesprek", _("result conversation")
        TRIANGLE = "driehoek", _("triangle consultation (municipality, teams, Wmo providers)")
        CORE = "kerngroep", _("core group")
        OTHER = "overig", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    chain = models.ForeignKey(
        "chains.Chain",
        verbose_name=_("chain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
    )
    contractor = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("contractor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="result_bodies",
        help_text=_("For a result conversation: the contractor it is with."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("member organisations"),
        blank=True,
        related_name="bodies",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="bodies"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(VersionedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    #: For a result conversation: the half-year it is about.
    period = models.CharField(
        _("half-year discussed"), max_length=6, blank=True, validators=[validate_period]
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True, related_name="+"
    )
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("Markdown: **bold**, lists with -, headings with #.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title or f"{self.body} {self.date:%d-%m-%Y}"


class AgendaItem(VersionedModel):
    class Source(models.TextChoices):
        MANUAL = "manual", _("added by hand")
        OFF_TARGET = "off_target", _("indicator off target")
        WORSENING = "worsening", _("indicator worse two half-years in a row")
        NOT_MEASURABLE = "not_measurable", _("indicator marked not measurable")
        SENT_BACK = "sent_back", _("delivery sent back")
        CASE_STORY = "case_story", _("new case story")
        BLIND_SPOT = "blind_spot", _("pilot blind spot")
        CARRIED = "carried", _("open agreement from last time")
        SURVEY_TIP = "survey_tip", _("tip from the collaboration survey")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    agreement = models.ForeignKey(
        "Agreement", on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    #: The survey tip this item takes up (its de-identified quote), so the tips list shows it.
    survey_tip = models.ForeignKey(
        "surveys.Coding",
        verbose_name=_("tip from the collaboration survey"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    affected = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("affected parties"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Agreement(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN_STATES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agreements")
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    what = models.TextField(_("what"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_agreements",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner (organisation)"),
        on_delete=models.PROTECT,
        related_name="meeting_agreements",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    status_note = models.TextField(_("note on the status"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES


class AgreementEvent(HistoryEvent):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")


class Topic(VersionedModel):
    """A topic of the development agenda (ontwikkelagenda) of one year."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner (organisation)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("decisions"), blank=True, related_name="topics"
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), blank=True, related_name="topics"
    )

    class Meta:
        verbose_name = _("development agenda topic")
        verbose_name_plural = _("development agenda topics")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class RoleAgreement(VersionedModel):
    """How the municipality acts as commissioner and as partner, and who holds which role (P1)."""

    class Role(models.TextChoices):
        COMMISSIONER = "commissioner", _("commissioner (opdrachtgever)")
        PARTNER = "partner", _("partner")
        CHAIN_DIRECTOR = "chain_director", _("director of chains (regiehouder)")
        COMBINED = "combined", _("commissioner and partner at once")

    title = models.CharField(_("title"), max_length=200)
    agreement = models.TextField(_("what was agreed"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who holds the role"),
        on_delete=models.PROTECT,
        related_name="role_agreements",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("with whom"),
        blank=True,
        related_name="role_agreements",
    )
    risks = models.TextField(_("risks noted"), blank=True)
    review_date = models.DateField(_("review date"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decided in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_agreements",
    )

    class Meta:
        verbose_name = _("role agreement")
        verbose_name_plural = _("role agreements")
        ordering = ["review_date", "title"]

    def __str__(self) -> str:
        return self.title


class TopicEvent(HistoryEvent):
    """Append-only history of a development agenda topic's status."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass
