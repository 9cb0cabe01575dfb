"""Answering a wave online through one-time invitation links (anonymous).

Only the SHA-256 of a token is stored. While the respondent works, the answers are kept as a
draft on the invitation (so progress survives a closed phone); on sending, the response is stored
under a fresh random respondent code, the draft is cleared and the invitation is marked used — in
one transaction, with no field, time or reference that leads from the response to the
invitation.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.surveys import results
from wijkregie.surveys.models import Answer, Invitation, Question, Response, Wave

#: The name by which a ``relevant`` condition refers to the respondent group.
GROUP_FIELD = "groep"
RELEVANT = re.compile(r"^\$\{(?P<code>[A-Za-z0-9_]+)\}\s*=\s*'(?P<value>[^']*)'$")


class InvitationClosed(Exception):
    """The link was used already, or the wave no longer takes answers."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitations_create(*, wave: Wave, group: str, count: int) -> list[str]:
    """``count`` new one-time tokens for ``group``; only their hashes are stored."""
    tokens = [secrets.token_urlsafe(24) for _ in range(count)]
    Invitation.objects.bulk_create(
        Invitation(wave=wave, group=group, token_hash=token_hash(t)) for t in tokens
    )
    return tokens


def invitation_for(token: str) -> Invitation:
    """The open invitation of ``token``; ``InvitationClosed`` when used or the wave closed."""
    invitation = (
        Invitation.objects.select_related("wave", "wave__survey")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise Invitation.DoesNotExist
    open_until = invitation.wave.open_until
    if invitation.used or open_until is None or open_until < timezone.localdate():
        raise InvitationClosed
    return invitation


def asked_of(question: Question, group: str) -> bool:
    """Whether the question is put to ``group``: a condition ``${groep} = 'wijkteam'`` (the
    respondent group, which the invitation sets) asks it of that group only."""
    match = RELEVANT.match(question.relevant.strip()) if question.relevant else None
    return not match or match["code"] != GROUP_FIELD or match["value"] == group


def applies(question: Question, answers: dict[str, list[str]]) -> bool:
    """Whether a question applies, after its XLSForm ``relevant`` condition (the simple form
    ``${code} = 'value'``; other conditions are not evaluated and the question applies). The
    group condition is decided by ``asked_of``."""
    match = RELEVANT.match(question.relevant.strip()) if question.relevant else None
    if not match or match["code"] == GROUP_FIELD:
        return True
    return match["value"] in answers.get(match["code"], [])


def clean(questions: list[Question], choices: dict[str, set[str]], raw: dict[str, list[str]]):
    """Check the answers as the import checks a file; drop what does not apply."""
    cleaned: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for question in questions:
        values = [v.strip() for v in raw.get(question.code, []) if v.strip()]
        if not values:
            continue
        if question.type in (Question.Type.SELECT_ONE, Question.Type.SELECT_MULTIPLE):
            if any(v not in choices.get(question.list_name, set()) for v in values):
                errors[question.code] = _("Choose one of the answers offered.")
                continue
            if question.type == Question.Type.SELECT_ONE and len(values) > 1:
                errors[question.code] = _("Choose one answer.")
                continue
        elif question.type in (Question.Type.INTEGER, Question.Type.DECIMAL):
            try:
                value = results.number(values[0])
            except ValueError:
                errors[question.code] = _("Enter a number.")
                continue
            if question.type == Question.Type.INTEGER and value != value.to_integral_value():
                errors[question.code] = _("Enter a whole number.")
                continue
            values = values[:1]
        else:
            values = [values[0][:2000]]
        cleaned[question.code] = values
    cleaned = {
        code: values
        for code, values in cleaned.items()
        if applies(next(q for q in questions if q.code == code), cleaned)
    }
    return cleaned, errors


@transaction.atomic
def draft_save(*, token: str, answers: dict[str, list[str]]) -> None:
    invitation = invitation_for(token)
    Invitation.objects.filter(pk=invitation.pk, used=False).update(draft=answers)


@transaction.atomic
def submit(*, token: str, answers: dict[str, list[str]]) -> None:
    """Store the response anonymously and close the invitation."""
    invitation = invitation_for(token)
    closed = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True, draft={})
    if closed != 1:
        raise InvitationClosed
    if not answers:
        raise ValidationError(_("Answer at least one question before sending."))
    response = Response.objects.create(
        wave=invitation.wave, respondent=f"online-{secrets.token_hex(8)}", group=invitation.group
    )
    questions = {q.code: q for q in invitation.wave.survey.questions.all()}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], value=value)
        for code, values in answers.items()
        for value in values
    )


def response_rate(wave: Wave) -> dict[str, tuple[int, int]]:
    """Per group: (invitations sent, answered)."""
    rates: dict[str, tuple[int, int]] = {}
    for group, used in Invitation.objects.filter(wave=wave).values_list("group", "used"):
        sent, answered = rates.get(group, (0, 0))
        rates[group] = (sent + 1, answered + int(used))
    return rates
