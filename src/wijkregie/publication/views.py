"""The public pages: the dashboard and its open data, without login."""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views import View

from wijkregie.common.disclosure import threshold
from wijkregie.common.xlsx import safe_cell
from wijkregie.publication import public, selectors

COLUMNS = ("indicator", "period", "area", "value", "suppressed", "person_count", "provisional",
           "complete")  # fmt: skip


@method_decorator(login_not_required, name="dispatch")
class DashboardView(View):
    def get(self, request):
        release = selectors.release()
        places = selectors.places(release)
        area = request.GET.get("wijk") or places[0][0]
        if area not in dict(places):
            raise Http404
        area_name = dict(places)[area]

        def body() -> str:
            return render_to_string(
                "publication/_body.html",
                {
                    "release": release,
                    "places": places,
                    "area": area,
                    "area_name": area_name,
                    "tables": selectors.tables(release, area),
                    "threshold": threshold(),
                    "rounding": public.rounding(),
                },
            )

        # One release's page is the same for everyone: rendered once per process, area and
        # language; only the frame around it (language form, CSRF token) per request.
        key = f"public:page:{release.stamp}:{area}:{get_language()}"
        return render(
            request,
            "publication/dashboard.html",
            {"body": mark_safe(cache.get_or_set(key, body, selectors.CACHE_SECONDS))},  # noqa: S308 - our own template's output
        )


def metadata(release) -> dict:
    return {
        "title": "Wijkregie: kerncijfers Sociale Wijkteams Zaanstad",
        "publisher": "Gemeente Zaanstad",
        "license": "CC0-1.0",
        "built_at": release.built_at.isoformat(),
        "checksum_sha256": release.checksum,
        "disclosure": {
            "threshold": threshold(),
            "rounding": public.rounding(),
            "explanation": (
                f"Aantallen personen onder de {threshold()} zijn niet getoond (suppressed), en ook "
                "de cellen waaruit zo'n aantal zou zijn af te leiden. De overige aantallen "
                f"personen zijn afgerond op veelvouden van {public.rounding()}; totalen zijn apart "
                "afgerond en tellen daardoor niet altijd precies op. provisional: het halfjaar "
                "loopt nog of niet alle leveringen zijn goedgekeurd; complete: alle organisaties "
                "die bijdragen hebben geleverd."
            ),
        },
        "columns": list(COLUMNS),
    }


@method_decorator(login_not_required, name="dispatch")
class OpenDataView(View):
    fmt = "csv"

    def get(self, request):
        release = selectors.release()
        key = f"public:open-data:{release.stamp}:{self.fmt}"
        body = cache.get_or_set(key, lambda: self.body(release), selectors.CACHE_SECONDS)
        content_type = "application/json" if self.fmt == "json" else "text/csv"
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="wijkregie-kerncijfers.{self.fmt}"'
        return response

    def body(self, release) -> str:
        rows = selectors.rows(release)
        if self.fmt == "json":
            numeric = [
                {**row, "value": None if row["value"] is None else float(row["value"])}
                for row in rows
            ]
            return json.dumps({"metadata": metadata(release), "rows": numeric}, ensure_ascii=False)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:  # Dutch Excel: ";" and a decimal comma
            value = "" if row["value"] is None else row["value"].replace(".", ",")
            writer.writerow([safe_cell({**row, "value": value}[c]) for c in COLUMNS])
        return "\ufeff" + out.getvalue()
