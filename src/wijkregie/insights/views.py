"""The dashboard: the municipal overview, the indicator page, a team's own figures, exports."""

from __future__ import annotations

from django import forms as django_forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.common.forms import QuickSelect, UtrechtFormMixin
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.insights import charts, exports, selectors
from wijkregie.organisations.models import Area, Organisation, Theme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


class FilterForm(UtrechtFormMixin, django_forms.Form):
    theme = django_forms.ModelChoiceField(
        Theme.objects.filter(active=True), label=gettext_lazy("Theme"), required=False
    )
    organisation = django_forms.ModelChoiceField(
        Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION, active=True),
        label=gettext_lazy("Contractor"),
        required=False,
        widget=QuickSelect,
    )
    area = django_forms.ModelChoiceField(
        Area.objects.order_by("name"),
        label=gettext_lazy("Area"),
        required=False,
        widget=QuickSelect,
    )
    first = django_forms.ChoiceField(label=gettext_lazy("From"), required=False)
    last = django_forms.ChoiceField(label=gettext_lazy("Up to and including"), required=False)
    tier = django_forms.ChoiceField(
        label=gettext_lazy("Indicators"),
        required=False,
        choices=[("headline", gettext_lazy("headline")), ("", gettext_lazy("all"))],
    )

    def __init__(self, *args, periods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *[(p, p) for p in periods]]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices


def _filters(request):
    available = selectors.periods_with_data()
    form = FilterForm(request.GET or None, periods=available)
    data = form.cleaned_data if form.is_valid() else {}
    if not data.get("first") and not data.get("last"):
        periods = selectors.default_periods()
    else:
        # A chosen window; the running half-year only when "up to and including" asks for it.
        periods = available
        if data.get("first"):
            periods = [p for p in periods if Period.parse(p) >= Period.parse(data["first"])]
        if data.get("last"):
            periods = [p for p in periods if Period.parse(p) <= Period.parse(data["last"])]
        else:
            periods = selectors.completed(periods, timezone.localdate())
        if not data.get("first"):
            periods = periods[-selectors.DEFAULT_WINDOW :]
    tier = data.get("tier", "headline") if form.is_bound else "headline"
    return form, data, periods, tier


def _overview(request):
    form, data, periods, tier = _filters(request)
    blocks, periods = selectors.overview(
        request.user,
        theme=data.get("theme"),
        organisation=data.get("organisation"),
        area=data.get("area"),
        periods=periods,
        tier=tier,
    )
    return form, blocks, periods


class OverviewView(RuleView):
    permission_required = "insights.view_dashboard"

    def get(self, request):
        def body() -> str:
            form, blocks, periods = _overview(request)
            return render_to_string(
                "insights/_overview_body.html",
                {
                    "form": form,
                    "blocks": blocks,
                    "periods": periods,
                    "query": request.GET.urlencode(),
                    "aggregate_only": not team_organisation_ids(request.user),
                    "pilot_blind_spots": selectors.pilot_blind_spots(
                        request.user, timezone.localdate()
                    ),
                },
                request,
            )

        # The figures are the same for everyone with the same memberships until the facts
        # change: rendered once per process (see ``selectors.cache_key``).
        key = selectors.cache_key(request.user, "overview", request.GET.urlencode())
        return render(
            request,
            "insights/overview.html",
            {
                "body": mark_safe(cache.get_or_set(key, body, selectors.CACHE_SECONDS)),  # noqa: S308 - our own template's output
            },
        )


class OverviewExportView(RuleView):
    permission_required = "insights.view_dashboard"

    def get(self, request, fmt: str):
        _form, blocks, periods = _overview(request)
        if fmt == "xlsx":
            response = HttpResponse(exports.xlsx(blocks, periods), content_type=XLSX)
        else:
            response = HttpResponse(
                exports.csv_bytes(blocks, periods), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="dashboard.{fmt}"'
        return response


class IndicatorPageView(RuleView):
    permission_required = "insights.view_dashboard"

    def get(self, request, pk: int):
        indicator = get_object_or_404(
            Indicator.objects.select_related("numerator", "denominator"), pk=pk
        )
        per = "area" if request.GET.get("per") == "wijk" else "contractor"
        chosen = request.GET.get("periode", "")

        def body() -> str:
            periods = selectors.default_periods()
            period = chosen if chosen in periods else selectors.latest_period(periods)
            narratives, stories = selectors.stories_for(request.user, indicator, period)
            series = selectors.indicator_series(request.user, indicator, periods, per=per)
            targets = selectors.municipal_targets(indicator, periods)
            chart = charts.indicator_chart(
                series,
                periods,
                targets=targets,
                baseline=indicator.baseline_value,
                unit=indicator.get_unit_display(),
            )
            return render_to_string(
                "insights/_indicator_body.html",
                {
                    "indicator": indicator,
                    "periods": periods,
                    "series": series,
                    "targets": targets,
                    "chart": chart,
                    "reconciliation": selectors.reconciliation(request.user, indicator, periods),
                    "per": per,
                    "period": period,
                    "narratives": narratives,
                    "stories": stories,
                },
                request,
            )

        # Figures and stories are the same for everyone with the same memberships until the
        # facts or the texts change: rendered once per process (see ``selectors.cache_key``).
        key = selectors.cache_key(request.user, "indicator", str(indicator.pk), per, chosen)
        return render(
            request,
            "insights/indicator.html",
            {
                "indicator": indicator,
                "body": mark_safe(cache.get_or_set(key, body, selectors.CACHE_SECONDS)),  # noqa: S308 - our own template's output
            },
        )


class OwnFiguresView(RuleView):
    permission_required = "insights.view_own_figures"

    def get(self, request):
        own = list(Organisation.objects.filter(pk__in=team_organisation_ids(request.user)))
        if not own:
            raise PermissionDenied
        requested = request.GET.get("organisatie")
        organisation = next((o for o in own if str(o.pk) == requested), own[0])
        periods = selectors.default_periods()
        blocks, periods = selectors.overview(
            request.user, organisation=organisation, periods=periods, tier="", per_area=True
        )
        return render(
            request,
            "insights/own.html",
            {
                "organisation": organisation,
                "organisations": own,
                "blocks": blocks,
                "periods": periods,
                "title": _("Figures of %(name)s") % {"name": organisation.name},
            },
        )
