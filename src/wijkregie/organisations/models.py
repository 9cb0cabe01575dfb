from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wijkregie.common.versioning import VersionedModel

cbs_area_code_validator = RegexValidator(
    r"^WK\d{6}$", _("A CBS area code is 'WK' followed by six digits, e.g. WK047901.")
)
cbs_municipality_code_validator = RegexValidator(
    r"^GM\d{4}$", _("A CBS municipality code is 'GM' followed by four digits, e.g. GM0479.")
)
code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens only.")
)


class Organisation(VersionedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        MUNICIPAL_DEPARTMENT = "municipal_department", _("Municipal department")
        TEAM_ORGANISATION = "team_organisation", _("Team organisation")
        WMO_PROVIDER = "wmo_provider", _("Wmo provider")
        PARTNER = "partner", _("Partner organisation (community)")

    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    #: The stable identifier other systems know the organisation by (HSDS ``organization.id``).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail address"), blank=True)
    phone = models.CharField(_("general phone number"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_organisation_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Area(VersionedModel):
    """A wijk: the area one team organisation is responsible for."""

    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    cbs_code = models.CharField(
        _("CBS area code"),
        max_length=8,
        blank=True,
        validators=[cbs_area_code_validator],
        help_text=_("Optional: team areas do not always coincide with CBS areas."),
    )
    municipality_code = models.CharField(
        _("CBS municipality code"), max_length=6, validators=[cbs_municipality_code_validator]
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible team organisation"),
        on_delete=models.PROTECT,
        related_name="areas",
        limit_choices_to={"kind": Organisation.Kind.TEAM_ORGANISATION},
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~models.Q(cbs_code=""),
                name="unique_area_cbs_code",
            ),
            models.UniqueConstraint(
                Lower("name"), "municipality_code", name="unique_area_name_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(VersionedModel):
    """A theme of the commission. Themes are data: each municipality keeps its own list."""

    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    registration_code = models.CharField(
        _("code in registrations"),
        max_length=20,
        blank=True,
        help_text=_("The short code the teams' registration exports use, e.g. MO."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ContactPerson(VersionedModel):
    """A named contact at an organisation, for a topic. Kept current by the organisation
    itself, so the social map does not go stale with staff turnover."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    topics = models.CharField(
        _("contact for"),
        max_length=300,
        blank=True,
        help_text=_("What to contact this person about, e.g. 'Wmo indications, IB'."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Wijkregie account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_persons",
        help_text=_("When this account is deactivated, the person's contact roles fall vacant."),
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
