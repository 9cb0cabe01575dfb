"""Reads of the council report."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkregie.council.models import CouncilReport


def visible(user) -> QuerySet[CouncilReport]:
    """Published versions for every reader; drafts for who makes them."""
    reports = CouncilReport.objects.defer("pdf", "docx").select_related(
        "created_by", "published_by"
    )
    if user.has_perm("council.make_report"):
        return reports
    return reports.filter(published_at__isnull=False)
