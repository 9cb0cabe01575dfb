"""The collaboration survey: a questionnaire whose questions keep their code across waves, with
a wording per respondent group (mirrored statements), and the answers of each wave.

Formats: ``docs/data-formats.md`` (after ``shared/formats/enquete.md``): the questionnaire as
XLSForm, the responses as a long CSV. No name or e-mail is stored with a response: a respondent
is an opaque code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    #: The XLSForm ``form_id``: a later wave with the same form_id joins this survey.
    form_id = models.CharField(_("form id"), max_length=100, unique=True)
    version = models.CharField(_("questionnaire version"), max_length=50, blank=True)
    #: The choice list (XLSForm ``settings`` column ``breakdown``) whose options split a group's
    #: results, e.g. the wijkteam organisations: a respondent counts under every option they
    #: chose in any question on that list.
    breakdown = models.CharField(_("results per option of list"), max_length=100, blank=True)
    #: The indicator the survey's results feed (share agreeing of ``indicator_group`` over all
    #: statements), written through the fact grain's write path per wave with a half-year.
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator_group = models.CharField(
        _("respondent group of the indicator"), max_length=50, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Type(models.TextChoices):
        SELECT_ONE = "select_one", _("One choice")
        SELECT_MULTIPLE = "select_multiple", _("Several choices")
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Number")
        TEXT = "text", _("Open answer")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=100)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    list_name = models.CharField(max_length=100, blank=True)
    label = models.TextField(_("wording"))
    #: The wording per respondent group (``label_GROUP`` columns): {"wijkteam": "…"}.
    group_labels = models.JSONField(default=dict, blank=True)
    #: The XLSForm ``relevant`` expression, kept for the record (e.g. only if collaborating).
    relevant = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="unique_question_code")
        ]

    def __str__(self) -> str:
        return self.code

    def label_for(self, group: str) -> str:
        return self.group_labels.get(group) or self.label


class Choice(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="choices")
    list_name = models.CharField(max_length=100)
    name = models.CharField(max_length=100)
    label = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "list_name", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "list_name", "name"], name="unique_choice_name"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Wave(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    code = models.CharField(_("wave"), max_length=20)
    imported_at = models.DateTimeField(null=True, blank=True)
    source_file = models.CharField(max_length=200, blank=True)
    #: Answering online through invitations is possible up to and including this day.
    open_until = models.DateField(_("open for answers until"), null=True, blank=True)
    #: The half-year whose figures the wave's results are (e.g. ``2024H2``).
    period = models.CharField(_("half-year"), max_length=6, blank=True)

    class Meta:
        ordering = ["survey", "code"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="unique_wave")]

    def __str__(self) -> str:
        return f"{self.survey} {self.code}"


class Response(models.Model):
    """One respondent's answers in a wave. ``respondent`` is an opaque code from the source."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=64)
    group = models.CharField(_("respondent group"), max_length=50)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "respondent"], name="unique_respondent")
        ]
        indexes = [models.Index(fields=["wave", "group"])]

    def __str__(self) -> str:
        return f"{self.wave} {self.group}"


class Answer(models.Model):
    """One answer: a choice name, a number or text (one row per option of a multiple choice)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["question", "response"])]

    def __str__(self) -> str:
        return self.value[:50]


class Invitation(models.Model):
    """A one-time link to answer a wave online. Only a hash of the token is kept; the draft is
    cleared and nothing of the invitation is stored with the response when it is sent, so no
    response can be traced back to an invitation."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(_("respondent group"), max_length=50)
    token_hash = models.CharField(max_length=64, unique=True)
    draft = models.JSONField(default=dict, blank=True)
    used = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["wave", "group"])]

    def __str__(self) -> str:
        return f"{self.wave} {self.group}"


class Coding(models.Model):
    """The analyst's coding of one open answer: what goes well or could be better (about a
    statement, as the published report groups them), or a tip. ``quote`` is the de-identified
    text: the only version anyone but the survey's owners sees."""

    class Kind(models.TextChoices):
        GOOD = "goed", _("goes well")
        BETTER = "beter", _("could be better")
        TIP = "tip", _("tip")
        OTHER = "anders", _("other")

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="coding")
    kind = models.CharField(_("code"), max_length=10, choices=Kind.choices)
    statement = models.ForeignKey(
        Question,
        verbose_name=_("statement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="codings",
    )
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    quote = models.TextField(_("quote (de-identified)"))
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now=True)
    #: A tip's follow-up outside a meeting or signal (e.g. "in the new commission 2027").
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("coded open answer")
        verbose_name_plural = _("coded open answers")
        ordering = ["answer__response__wave", "statement__order", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quote[:60]}"

    @staticmethod
    def answer_text(coding: Coding) -> str:
        return coding.answer.value
