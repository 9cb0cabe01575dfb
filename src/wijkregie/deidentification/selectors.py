"""Reads: the allow-list built from the registers, marked details, previews."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext_lazy

from wijkregie.deidentification.models import MarkedDetail, Preview

#: Shown outside the writing organisation while the task worker makes the shared version.
PREPARING = gettext_lazy("(the de-identified version is being prepared)")


def _parts(name: str) -> set[str]:
    """A register name and its parts: "Zaandam Noord-Kogerveld" also keeps "Zaandam Noord" and
    "Kogerveld"; "Zaanse Begeleiding (fictief)" keeps "Zaanse Begeleiding"; "GGZ in de wijk
    (GGZ)" keeps the abbreviation."""
    terms: set[str] = set()
    bare = re.sub(r"\s*\(([^)]*)\)", "", name).strip()
    for inner in re.findall(r"\(([^)]*)\)", name):
        if inner.isupper():
            terms.add(inner)
    terms.add(bare)
    for piece in re.split(r"\s*/\s*|\s+en\s+|(?<=\w)-(?=[A-Z])|,\s*", bare):
        piece = piece.strip()
        if len(piece) >= 3 and piece[0].isupper():
            terms.add(piece)
    return {t for t in terms if t}


def allow_list() -> list[str]:
    """What the registers know is not personal: the municipality's places, wijken and buurten,
    organisations, themes and chains, and the extra words of the settings."""
    from django.apps import apps

    terms: set[str] = set(settings.WIJKREGIE_PLACES) | set(settings.WIJKREGIE_DEIDENTIFY_ALLOW)
    sources = [
        ("organisations.Organisation", ("name",)),
        ("organisations.Area", ("name", "cbs_code")),
        ("organisations.Theme", ("name",)),
        ("chains.Chain", ("name",)),
    ]
    for label, fields in sources:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                if value:
                    terms |= _parts(value)
    return sorted(terms)


def marked_terms(model_label: str, object_id: int) -> list[str]:
    return list(
        MarkedDetail.objects.filter(model_label=model_label, object_id=object_id)
        .order_by("term")
        .values_list("term", flat=True)
    )


def preview_get(preview_id, *, user) -> Preview | None:
    return Preview.objects.filter(pk=preview_id, requested_by=user).first()
