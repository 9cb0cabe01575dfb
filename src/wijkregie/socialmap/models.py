"""The social map, modelled after Open Referral HSDS 3.0 (``docs/socialmap.md`` maps every
field), with what HSDS lacks and the seeds need: contact *roles* that survive staff turnover,
activities, collaboration links, freshness and "klopt niet" flags.

Organisations are the shared register (``organisations.Organisation``); wijken are
``organisations.Area`` (HSDS service_area); themes are ``organisations.Theme``, served as
taxonomy terms.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import AppendOnly
from wijkregie.common.versioning import VersionedModel
from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme


class Entry(VersionedModel):
    """What every entry of the map has: a stable HSDS identifier, an owner organisation that
    keeps it current, and the date someone last assured it is correct."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    assured_date = models.DateField(_("last checked on"), default=timezone.localdate)
    assured_by = models.CharField(_("checked by"), max_length=200, blank=True)
    modified_at = models.DateTimeField(_("last modified"), default=timezone.now)
    #: The last reminder and escalation for the current assurance (cleared when assured).
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    escalated_on = models.DateField(null=True, blank=True, editable=False)

    #: The key of ``WIJKREGIE_SOCIALMAP_UPDATE_DAYS`` for this kind of entry.
    kind_key: str = ""

    class Meta:
        abstract = True

    @property
    def due_date(self) -> dt.date:
        from wijkregie.socialmap.freshness import update_days

        return self.assured_date + dt.timedelta(days=update_days(self.kind_key))


class Taxonomy(models.Model):
    """An HSDS taxonomy: Wijkregie serves two, the commission's themes and its target groups."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    version = models.CharField(_("version"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    #: Set for the terms of the themes taxonomy: the commission's theme this term stands for.
    theme = models.OneToOneField(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="taxonomy_term"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Location(Entry):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical address")
        VIRTUAL = "virtual", _("Online")

    kind_key = "location"

    name = models.CharField(_("name"), max_length=200)
    location_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.PROTECT, null=True, blank=True
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(Entry):
    """An HSDS service. ``kind`` says whether it is a service or an activity (a group
    activity, coffee morning, walk-in hour): HSDS has one object for both."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        ACTIVITY = "activity", _("Activity")
        WIJKTEAM = "wijkteam", _("Sociaal Wijkteam")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Ended")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    kind_key = "service"

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SERVICE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    description = models.TextField(_("description"))
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    eligibility_description = models.TextField(_("for whom"), blank=True)
    fees_description = models.CharField(_("costs"), max_length=300, blank=True)
    areas = models.ManyToManyField(
        Area, verbose_name=_("wijken"), blank=True, related_name="socialmap_services"
    )
    terms = models.ManyToManyField(
        TaxonomyTerm, verbose_name=_("themes and target groups"), blank=True
    )
    locations = models.ManyToManyField(
        Location, through="ServiceAtLocation", related_name="services", blank=True
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.location}"


class Schedule(models.Model):
    """When a service or activity is open at a location: a weekly or monthly recurrence
    (iCal RRULE parts, as HSDS has them)."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="schedules"
    )
    freq = models.CharField(max_length=7, choices=Freq.choices, default=Freq.WEEKLY)
    byday = models.CharField(max_length=30, help_text="MO,TU,WE,TH,FR,SA,SU")
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class ContactRole(Entry):
    """A role, not a person: "aanspreekpunt mantelzorg, wijkteam Poelenburg". It has a holder
    for a period; when the holder leaves or the period ends the role is vacant, and its
    owner organisation sees a task — the contact survives staff turnover."""

    kind_key = "contact_role"

    title = models.CharField(_("role"), max_length=200)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, null=True, blank=True
    )
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.PROTECT, null=True, blank=True
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_roles",
    )
    email = models.EmailField(
        _("role e-mail address"),
        blank=True,
        help_text=_("A shared mailbox of the role: it stays when the holder changes."),
    )
    phone = models.CharField(_("role phone number"), max_length=40, blank=True)
    holder = models.ForeignKey(
        ContactPerson,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
    )
    valid_from = models.DateField(_("holder since"), null=True, blank=True)
    valid_until = models.DateField(_("holder until"), null=True, blank=True)
    holder_public = models.BooleanField(
        _("holder's name and details are public"),
        default=False,
        help_text=_(
            "Without this, the holder's name and personal details are shown to logged-in "
            "professionals only."
        ),
    )

    class Meta:
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")
        ordering = ["area__name", "theme__order", "title"]

    def __str__(self) -> str:
        return self.title

    def is_vacant(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        holder = self.holder
        if holder is None or not holder.active:
            return True
        if holder.user_id is not None and not holder.user.is_active:
            return True
        if self.valid_from and self.valid_from > today:
            return True
        return bool(self.valid_until and self.valid_until < today)


class CollaborationLink(Entry):
    """Who works with whom, on which theme, at which level and how often — the categories of
    the collaboration survey, so that map and survey can be read together."""

    class Level(models.TextChoices):
        KNOWLEDGE = "knowledge", _("Sharing knowledge")
        EXECUTION = "execution", _("Working together on cases")
        STRATEGIC = "strategic", _("Strategic")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Once a year or less")

    kind_key = "collaboration"

    partner = models.ForeignKey(
        Organisation, verbose_name=_("works with"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, null=True, blank=True
    )
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.PROTECT, null=True, blank=True
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("collaboration link")
        verbose_name_plural = _("collaboration links")
        ordering = ["owner__name", "partner__name"]

    def __str__(self) -> str:
        return f"{self.owner} — {self.partner}"


class Flag(models.Model):
    """ "Klopt niet": anyone who works with the map says an entry is wrong; the owner fixes it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("what is wrong"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.note[:80]


class Change(AppendOnly):
    """The change log of the map, as HSDS ``metadata`` rows: one row per changed field."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resource_id = models.UUIDField(db_index=True)
    resource_type = models.CharField(max_length=30)
    last_action_date = models.DateTimeField(default=timezone.now)
    last_action_type = models.CharField(max_length=20)  # create, update, assure, delete
    field_name = models.CharField(max_length=60)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["last_action_date", "id"]
