"""Pages for indicator definitions and the measurability lint."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.forms import UtrechtFormMixin
from wijkregie.common.saving import add_validation_errors, save_form
from wijkregie.indicators import forms, lint, selectors, services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Theme


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


class FilterForm(UtrechtFormMixin, django_forms.Form):
    q = django_forms.CharField(label=_("Search"), required=False)
    theme = django_forms.ModelChoiceField(
        Theme.objects.filter(active=True), label=_("Theme"), required=False
    )
    tier = django_forms.ChoiceField(
        label=_("Tier"), required=False, choices=[("", "—"), *Indicator.Tier.choices]
    )


class IndicatorListView(RuleView):
    permission_required = "indicators.view_indicator"

    def get(self, request):
        form = FilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        indicators = selectors.indicator_list(
            query=data.get("q", ""), theme=data.get("theme"), tier=data.get("tier", "")
        )
        return render(
            request,
            "indicators/indicator_list.html",
            {
                "form": form,
                "indicators": indicators,
                "can_change": request.user.has_perm("indicators.change_indicator"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class IndicatorDetailView(RuleView):
    permission_required = "indicators.view_indicator"

    def get(self, request, pk: int, target_form=None, status=200):
        indicator = get_object_or_404(
            Indicator.objects.select_related("owner", "numerator", "denominator"), pk=pk
        )
        can_change = request.user.has_perm("indicators.change_indicator")
        return render(
            request,
            "indicators/indicator_detail.html",
            {
                "indicator": indicator,
                "revisions": indicator.revisions.select_related("changed_by"),
                "targets": indicator.targets.select_related("organisation", "area"),
                "can_change": can_change,
                "target_form": target_form or (forms.TargetForm() if can_change else None),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
            status=status,
        )


class IndicatorEditView(RuleView):
    permission_required = "indicators.change_indicator"

    def _render(self, request, form, indicator, status=200):
        title = _("Edit %(name)s") % {"name": indicator.code} if indicator else _("New indicator")
        cancel = (
            reverse("indicators:detail", args=[indicator.pk])
            if indicator
            else reverse("indicators:list")
        )
        return render(
            request,
            "ui/form_page.html",
            {"form": form, "title": title, "cancel_url": cancel},
            status=status,
        )

    def get(self, request, pk: int | None = None):
        indicator = get_object_or_404(Indicator, pk=pk) if pk else None
        initial = {}
        if indicator:
            initial = {
                "themes": list(indicator.themes.all()),
                "requirements": list(indicator.requirements.all()),
                "version": indicator.version,
            }
        form = forms.IndicatorForm(instance=indicator, initial=initial)
        return self._render(request, form, indicator)

    def post(self, request, pk: int | None = None):
        indicator = get_object_or_404(Indicator, pk=pk) if pk else None
        form = forms.IndicatorForm(request.POST, instance=indicator)

        def write():
            return services.save_indicator(
                form.instance,
                user=request.user,
                reason=form.cleaned_data.get("reason") or "",
                themes=form.cleaned_data["themes"],
                requirements=form.cleaned_data["requirements"],
                expected_version=form.cleaned_data.get("version"),
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, indicator, status),
            success_url=lambda saved: reverse("indicators:detail", args=[saved.pk]),
            success_message=_("The indicator has been saved."),
        )


class TargetSetView(RuleView):
    permission_required = "indicators.change_indicator"

    def post(self, request, pk: int):
        indicator = get_object_or_404(Indicator, pk=pk)
        form = forms.TargetForm(request.POST)
        if form.is_valid():
            try:
                services.set_target(
                    indicator,
                    period=form.cleaned_data["period"],
                    value=form.cleaned_data["value"],
                    organisation=form.cleaned_data["organisation"],
                    user=request.user,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("The target has been saved."))
                return redirect("indicators:detail", pk=indicator.pk)
        return IndicatorDetailView().get(request, pk, target_form=form, status=400)


class LintView(RuleView):
    permission_required = "indicators.view_lint"

    def get(self, request):
        findings = lint.lint()
        return render(
            request,
            "indicators/lint.html",
            {
                "indicator_findings": [f for f in findings if f.kind == "indicator"],
                "theme_findings": [f for f in findings if f.kind == "theme"],
                "codes": dict(Indicator.objects.values_list("code", "pk")),
            },
        )
