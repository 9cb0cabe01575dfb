"""Writes of the survey app: the import (all or nothing), the link of a survey to the indicator
its results feed (facts through the fact grain's write path) and the coding of open answers.
Other apps use this module."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period
from wijkregie.deidentification import services as deidentification
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import Value
from wijkregie.surveys import importing, results
from wijkregie.surveys.importing import Outcome
from wijkregie.surveys.models import Answer, Coding, Question, Survey


def survey_import(
    *,
    form: bytes,
    form_name: str,
    answers: bytes,
    answers_name: str,
    name: str | None = None,
    wave: str | None = None,
) -> Outcome:
    """Import a questionnaire (XLSForm) and the responses of its waves (the long CSV, or a wide
    KoboToolbox/LimeSurvey export — ``wave`` when it has no column ``golf``). The facts the
    survey feeds are written again."""
    outcome = importing.import_survey(
        form=form,
        form_name=form_name,
        answers=answers,
        answers_name=answers_name,
        name=name,
        wave=wave,
    )
    if outcome.status == "imported":
        facts_publish(Survey.objects.get(code=outcome.survey))
    return outcome


# --- the indicator a survey feeds ----------------------------------------------------------------
def _municipality() -> Organisation:
    municipality = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).first()
    if municipality is None:
        raise ValidationError(_("There is no municipality in the register of organisations."))
    return municipality


def facts_publish(survey: Survey) -> int:
    """Write the survey's figure for its indicator, per wave that has a half-year: the share of
    ``indicator_group``'s answers on all statements that agree (numerator: agreeing answers,
    denominator: valid answers), as the municipality's fact of source ``survey``. A group
    below the survey threshold gives no figure. Returns the number of facts written."""
    if survey.indicator is None or not survey.indicator_group:
        return 0
    threshold = settings.WIJKREGIE_SURVEY_THRESHOLD
    rows = []
    periods = set(
        Value.objects.filter(source=Value.Source.SURVEY, indicator=survey.indicator).values_list(
            "period", flat=True
        )
    )
    for wave in survey.waves.exclude(period=""):
        periods.add(wave.period)
        respondents = wave.responses.filter(group=survey.indicator_group).count()
        agree, valid = results.pooled_agreement(wave, survey.indicator_group)
        if respondents < threshold or not valid:
            continue
        rows.append(
            reporting.Fact(
                indicator_id=survey.indicator_id,
                period=wave.period,
                value=results.percent(agree, valid),
                numerator=agree,
                denominator=valid,
            )
        )
    return reporting.values_replace(
        source=Value.Source.SURVEY,
        organisation=_municipality(),
        periods=periods,
        indicators=[survey.indicator],
        rows=rows,
    )


@transaction.atomic
def indicator_link(
    survey: Survey,
    *,
    indicator: Indicator | None,
    group: str,
    periods: dict[str, str],
    user,
) -> int:
    """Link the survey to the indicator its results feed, with the half-year of each wave
    (``{"2024": "2024H2"}``; an empty half-year unlinks a wave), and publish the facts."""
    if indicator is not None and not group:
        raise ValidationError({"group": _("Choose the respondent group whose answers count.")})
    waves = {w.code: w for w in survey.waves.all()}
    for code, period in periods.items():
        wave = waves.get(code)
        if wave is None:
            raise ValidationError(_("Unknown wave %(wave)s.") % {"wave": code})
        wave.period = str(Period.parse(period)) if period else ""
        wave.save(update_fields=["period"])
    previous = survey.indicator
    survey.indicator = indicator
    survey.indicator_group = group if indicator else ""
    survey.save(update_fields=["indicator", "indicator_group"])
    if previous is not None and previous != indicator:
        reporting.values_replace(
            source=Value.Source.SURVEY,
            organisation=_municipality(),
            periods=set(
                Value.objects.filter(source=Value.Source.SURVEY, indicator=previous).values_list(
                    "period", flat=True
                )
            ),
            indicators=[previous],
            rows=[],
        )
    written = facts_publish(survey)
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=survey,
        detail={"indicator": indicator.code if indicator else None, "group": group},
    )
    return written


# --- open answers --------------------------------------------------------------------------------
@transaction.atomic
def coding_save(
    answer: Answer,
    *,
    kind: str,
    statement: Question | None = None,
    theme: str = "",
    follow_up: str = "",
    user,
) -> Coding:
    """Code an open answer (what goes well, could be better, a tip). Its quote is made again
    by the de-identification worker; until then others see that it is being prepared."""
    if answer.question.type != Question.Type.TEXT:
        raise ValidationError(_("Only open answers are coded."))
    if kind not in Coding.Kind.values:
        raise ValidationError({"kind": _("Choose a code.")})
    if statement is not None and statement.survey_id != answer.question.survey_id:
        raise ValidationError({"statement": _("The statement belongs to another survey.")})
    coding, _created = Coding.objects.update_or_create(
        answer=answer,
        defaults={
            "kind": kind,
            "statement": statement,
            "theme": theme.strip()[:100],
            "follow_up": follow_up.strip()[:300],
            "coded_by": user,
        },
    )
    deidentification.request_shared_versions(coding)
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=coding,
        detail={"kind": kind, "statement": statement.code if statement else None},
    )
    return coding


@transaction.atomic
def coding_remove(coding: Coding, *, user) -> None:
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=coding.answer.response.wave.survey,
        detail={"uncoded": coding.pk},
    )
    coding.delete()
