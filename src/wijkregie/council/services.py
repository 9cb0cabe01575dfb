"""Writes of the council report: ask for a report (built by the task worker, with visible
progress), build it, and publish a ready draft as an immutable, citable version."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period
from wijkregie.council import report
from wijkregie.council.models import CouncilReport

logger = logging.getLogger(__name__)


@transaction.atomic
def report_request(*, period: str, user) -> CouncilReport:
    """A new draft for ``period``; the task worker builds it after the commit."""
    from wijkregie.council.tasks import build_report

    period = str(Period.parse(period))
    draft = CouncilReport.objects.create(period=period, created_by=user)
    transaction.on_commit(lambda: build_report.enqueue(draft.pk))
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED, actor=user, obj=draft, detail={"period": period}
    )
    return draft


def _progress(pk: int):
    def tell(percent: int, step: str) -> None:
        # Outside any transaction: the page shows each step while the report is built.
        CouncilReport.objects.filter(pk=pk).update(
            state=CouncilReport.State.BUILDING, progress=percent, step=step[:100]
        )

    return tell


def build(pk: int) -> CouncilReport:
    """Build the draft's PDF and DOCX, step by step."""
    draft = CouncilReport.objects.select_related("created_by").get(pk=pk)
    with translation.override(settings.LANGUAGE_CODE):  # the council reads Dutch
        return _build(draft)


def _build(draft: CouncilReport) -> CouncilReport:
    pk = draft.pk
    tell = _progress(pk)
    try:
        data = report.content(draft.period, user=draft.created_by, progress=tell)
        tell(94, _("PDF"))
        pdf = report.pdf(data)
        tell(97, _("Word document"))
        docx = report.docx(data)
    except Exception:
        logger.exception("council report %s failed", pk)
        CouncilReport.objects.filter(pk=pk).update(
            state=CouncilReport.State.FAILED, step=_("failed; see the server log")
        )
        raise
    CouncilReport.objects.filter(pk=pk, published_at__isnull=True).update(
        state=CouncilReport.State.READY,
        progress=100,
        step="",
        pdf=pdf,
        docx=docx,
        checksum=hashlib.sha256(pdf).hexdigest(),
        release_checksum=data.release_checksum,
        record=data.record,
    )
    return CouncilReport.objects.get(pk=pk)


@transaction.atomic
def publish(draft: CouncilReport, *, user) -> CouncilReport:
    """Publish a ready draft: from now on it is immutable, with its version number."""
    draft = CouncilReport.objects.select_for_update().get(pk=draft.pk)
    if draft.is_published:
        raise ValidationError(_("This version is published already."))
    if draft.state != CouncilReport.State.READY:
        raise ValidationError(_("Only a report that is ready can be published."))
    last = CouncilReport.objects.filter(period=draft.period).aggregate(v=Max("version"))["v"]
    draft.version = (last or 0) + 1
    draft.published_at = timezone.now()
    draft.published_by = user
    draft.save(update_fields=["version", "published_at", "published_by"])
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=draft,
        detail={"published": draft.version, "checksum": draft.checksum},
    )
    return draft
