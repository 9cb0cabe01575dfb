"""Reads of indicator definitions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from wijkregie.indicators.models import Indicator


def indicator_list(*, query: str = "", theme=None, tier: str = "") -> QuerySet[Indicator]:
    indicators = Indicator.objects.select_related("owner").prefetch_related("themes")
    if query:
        indicators = indicators.filter(
            Q(code__icontains=query) | Q(name__icontains=query) | Q(definition__icontains=query)
        )
    if theme is not None:
        indicators = indicators.filter(themes=theme)
    if tier:
        indicators = indicators.filter(tier=tier)
    return indicators.distinct().order_by("code")


def measurability_findings() -> list:
    """The measurability lint's findings (indicators without a definition, source or
    delivery; themes without a measure): for the council report and the dashboard."""
    from wijkregie.indicators import lint

    return lint.lint()
