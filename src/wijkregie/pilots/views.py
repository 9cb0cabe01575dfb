"""Pages for pilots: the overview, a pilot with its goals and blind spots, expected vs actual,
other explanations, the theory of change and the Kwaliteitskompas."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.saving import form_page, save_form
from wijkregie.pilots import charts, forms, selectors, services, workflow
from wijkregie.pilots.models import Comparison, Element, Expectation, Goal, Link, Pilot


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True
    permission_required = "pilots.view_pilot"

    def pilot(self) -> Pilot:
        if not hasattr(self, "_pilot"):
            self._pilot = get_object_or_404(Pilot, pk=self.kwargs["pk"])
        return self._pilot

    def get_permission_object(self):
        return self.pilot() if "pk" in self.kwargs else None


def _today():
    return timezone.localdate()


def _detail_url(pilot) -> str:
    return reverse("pilots:detail", args=[pilot.pk])


class PartEditView(RuleView):
    """Create (no id in the URL) or edit (its id) one part of a pilot through a service."""

    permission_required = "pilots.change_pilot"
    model: type
    key: str
    titles: tuple  # (new, edit)
    page_url = ""  # the URL name of the part's own page, if it has one

    def item(self):
        if self.key not in self.kwargs:
            return None
        return get_object_or_404(self.model, pk=self.kwargs[self.key], pilot=self.pilot())

    def cancel_url(self, item) -> str:
        if item is not None and self.page_url:
            return reverse(self.page_url, args=[self.pilot().pk, item.pk])
        return _detail_url(self.pilot())

    def _page(self, request, form, item, status=200):
        title = str(self.titles[item is not None])
        return form_page(request, form, title, self.cancel_url(item), status)

    def save(self, request, form, item, write):
        """Through ``ui.saving.save_form``; afterwards to the part's page (or the pilot's)."""
        return save_form(
            request,
            form,
            write,
            render=lambda status: self._page(request, form, item, status),
            success_url=self.cancel_url,
            success_message=_("Saved."),
        )


# --- pilots -------------------------------------------------------------------------------------
class PilotListView(RuleView):
    def get(self, request):
        today = _today()
        rows = []
        for pilot in selectors.pilot_list():
            spots = [c for c in selectors.coverage(request.user, pilot, today) if c.blind_spot]
            rows.append((pilot, spots))
        return render(
            request,
            "pilots/list.html",
            {"rows": rows, "can_add": request.user.has_perm("pilots.change_pilot")},
        )


class PilotDetailView(RuleView):
    def get(self, request, pk: int):
        pilot = self.pilot()
        today = _today()
        coverage = selectors.coverage(request.user, pilot, today)
        return render(
            request,
            "pilots/detail.html",
            {
                "pilot": pilot,
                "coverage": coverage,
                "periods": selectors.window(pilot, today),
                "latest": selectors.latest_period(pilot, today),
                "blind_spots": [
                    selectors.BlindSpot(pilot, c.goal, c.blind_spot, c.latest)
                    for c in coverage
                    if c.blind_spot
                ],
                "expectations": pilot.expectations.select_related("indicator", "goal"),
                "comparisons": pilot.comparisons.select_related("indicator"),
                "can_change": request.user.has_perm("pilots.change_pilot", pilot),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class PilotEditView(RuleView):
    permission_required = "pilots.change_pilot"

    def get_permission_object(self):
        return self.pilot() if "pk" in self.kwargs else None

    def _page(self, request, form, pilot, status=200):
        title = _("Edit %(name)s") % {"name": pilot.name} if pilot else _("New pilot")
        cancel = _detail_url(pilot) if pilot else reverse("pilots:list")
        return form_page(request, form, title, cancel, status)

    def get(self, request, pk: int | None = None):
        pilot = self.get_permission_object()
        initial = {"first_period": str(selectors.last_completed(_today()).next())}
        if pilot:
            initial = {name: getattr(pilot, name) for name in services.PILOT_FIELDS}
            initial.update(
                organisations=list(pilot.organisations.all()),
                areas=list(pilot.areas.all()),
                version=pilot.version,
            )
        return self._page(request, forms.PilotForm(initial=initial), pilot)

    def post(self, request, pk: int | None = None):
        pilot = self.get_permission_object()
        form = forms.PilotForm(request.POST)

        def write():
            data = form.cleaned_data
            target = pilot or Pilot(owner=request.user)
            for name in services.PILOT_FIELDS:
                if name in data:
                    setattr(target, name, data[name] if data[name] is not None else None)
            target.last_period = data["last_period"] or ""
            target.description = data["description"] or ""
            return services.pilot_save(
                target,
                user=request.user,
                organisations=data["organisations"],
                areas=data["areas"],
                expected_version=data.get("version") or (0 if pilot else None),
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._page(request, form, pilot, status),
            success_url=_detail_url,
            success_message=_("Saved."),
        )


class PilotStatusView(RuleView):
    permission_required = "pilots.change_pilot"

    def _page(self, request, form, status=200):
        pilot = self.pilot()
        intro = _(
            "A pilot only runs when every goal has an indicator, or when someone recorded why "
            "it has none (yet)."
        )
        title = _("Status of %(name)s") % {"name": pilot.name}
        return form_page(request, form, title, _detail_url(pilot), status, intro)

    def get(self, request, pk: int):
        pilot = self.pilot()
        form = forms.StatusForm(
            initial={"status": pilot.status, "version": pilot.version},
            choices=workflow.WORKFLOW.choices(pilot.status),
        )
        return self._page(request, form)

    def post(self, request, pk: int):
        pilot = self.pilot()
        form = forms.StatusForm(request.POST, choices=workflow.WORKFLOW.choices(pilot.status))
        return save_form(
            request,
            form,
            lambda: services.pilot_set_status(
                pilot,
                form.cleaned_data["status"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            ),
            render=lambda status: self._page(request, form, status),
            success_url=_detail_url,
            success_message=_("Status changed."),
        )


# --- goals --------------------------------------------------------------------------------------
class GoalEditView(PartEditView):
    model, key = Goal, "goal"
    titles = (gettext_lazy("New goal"), gettext_lazy("Edit goal"))

    def get(self, request, pk: int, goal: int | None = None):
        item = self.item()
        initial = {}
        if item:
            links = list(item.links.select_related("indicator"))
            initial = {
                "title": item.title,
                "description": item.description,
                "beneficiary": item.beneficiary,
                "question": item.question,
                "order": item.order,
                "indicators": [link.indicator for link in links],
                "targets": "\n".join(
                    f"{link.indicator.code} = {link.target.normalize()}"
                    for link in links
                    if link.target is not None
                ),
                "no_indicator_reason": item.no_indicator_reason,
                "version": item.version,
            }
        return self._page(request, forms.GoalForm(initial=initial), item)

    def post(self, request, pk: int, goal: int | None = None):
        item = self.item()
        form = forms.GoalForm(request.POST)

        def write():
            data = form.cleaned_data
            target = item or Goal(pilot=self.pilot())
            for name in ("title", "description", "beneficiary", "question", "order"):
                setattr(target, name, data[name])
            target.no_indicator_reason = data["no_indicator_reason"]
            existing = {}
            if item:
                existing = {link.indicator_id: link.block for link in item.links.all()}
            links = [
                (i, data["targets"].get(i.code), existing.get(i.pk, "")) for i in data["indicators"]
            ]
            return services.goal_save(
                target,
                user=request.user,
                links=links,
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


# --- expected vs actual -------------------------------------------------------------------------
class ExpectationView(RuleView):
    def get(self, request, pk: int, expectation: int):
        item = get_object_or_404(
            Expectation.objects.select_related("indicator", "goal"),
            pk=expectation,
            pilot=self.pilot(),
        )
        result = selectors.expected_vs_actual(request.user, item)
        revisions = self.pilot().revisions.filter(subject=f"expectation:{item.pk}")
        return render(
            request,
            "pilots/expectation.html",
            {
                "pilot": self.pilot(),
                "item": item,
                "result": result,
                "sentences": charts.expectation_sentences(result),
                "chart": charts.expectation_chart(result) if result.expected else None,
                "revisions": revisions.select_related("changed_by"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
                "can_change": request.user.has_perm("pilots.change_pilot", self.pilot()),
            },
        )


class ExpectationEditView(PartEditView):
    model, key = Expectation, "expectation"
    titles = (gettext_lazy("New expected series"), gettext_lazy("Edit expected series"))
    page_url = "pilots:expectation"

    def get(self, request, pk: int, expectation: int | None = None):
        item = self.item()
        initial = {"method": Expectation.Method.TREND, "band_width": Decimal(2)}
        if item:
            initial = {name: getattr(item, name) for name in services.EXPECTATION_FIELDS}
            initial["manual_values"] = "\n".join(
                f"{p} = {v}" for p, v in sorted(item.manual_values.items())
            )
            initial["organisations"] = list(item.organisations.all())
            initial["version"] = item.version
        form = forms.ExpectationForm(initial=initial, pilot=self.pilot())
        return self._page(request, form, item)

    def post(self, request, pk: int, expectation: int | None = None):
        item = self.item()
        form = forms.ExpectationForm(request.POST, pilot=self.pilot())

        def write():
            data = form.cleaned_data
            target = item or Expectation(pilot=self.pilot())
            for name in services.EXPECTATION_FIELDS:
                setattr(target, name, data[name])
            target.unit_cost_label = data["unit_cost_label"] or ""
            organisations = [o.pk for o in data["organisations"]]
            actual = selectors.expectation_actuals(
                request.user, target, organisations=organisations
            )
            return services.expectation_save(
                target,
                user=request.user,
                reason=data["reason"],
                organisations=organisations,
                actual=actual,
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


# --- other explanations -----------------------------------------------------------------------
class ComparisonView(RuleView):
    def get(self, request, pk: int, comparison: int):
        item = get_object_or_404(
            Comparison.objects.select_related("indicator"), pk=comparison, pilot=self.pilot()
        )
        result = selectors.comparison_result(request.user, item)
        return render(
            request,
            "pilots/comparison.html",
            {
                "pilot": self.pilot(),
                "item": item,
                "result": result,
                "chart": charts.comparison_chart(result),
                "can_change": request.user.has_perm("pilots.change_pilot", self.pilot()),
            },
        )


GROUPS = ("treated_organisations", "control_organisations", "treated_areas", "control_areas")


class ComparisonEditView(PartEditView):
    model, key = Comparison, "comparison"
    titles = (gettext_lazy("New comparison"), gettext_lazy("Edit comparison"))
    page_url = "pilots:comparison"

    def get(self, request, pk: int, comparison: int | None = None):
        item = self.item()
        initial = {"level": Comparison.Level.ORGANISATIONS}
        if item:
            initial = {name: getattr(item, name) for name in services.COMPARISON_FIELDS}
            initial["version"] = item.version
            for name in (*GROUPS, "context_indicators"):
                initial[name] = list(getattr(item, name).all())
        return self._page(request, forms.ComparisonForm(initial=initial), item)

    def post(self, request, pk: int, comparison: int | None = None):
        item = self.item()
        form = forms.ComparisonForm(request.POST)

        def write():
            data = form.cleaned_data
            target = item or Comparison(pilot=self.pilot())
            for name in services.COMPARISON_FIELDS:
                setattr(target, name, data[name])
            return services.comparison_save(
                target,
                user=request.user,
                groups={name: data[name] for name in GROUPS},
                context=data["context_indicators"],
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


# --- theory of change ---------------------------------------------------------------------------
class TheoryView(RuleView):
    def get(self, request, pk: int):
        pilot = self.pilot()
        by_kind, links, latest = selectors.theory(request.user, pilot, _today())
        return render(
            request,
            "pilots/theory.html",
            {
                "pilot": pilot,
                "columns": [(kind, label, by_kind[kind]) for kind, label in Element.Kind.choices],
                "links": links,
                "latest": latest,
                "diagram": charts.theory_diagram(by_kind, links),
                "revisions": pilot.revisions.filter(subject="theory").select_related("changed_by")[
                    :10
                ],
                "show_names": request.user.has_perm("accounts.view_personal_names"),
                "can_change": request.user.has_perm("pilots.change_theory", pilot),
            },
        )


class TheoryEditView(PartEditView):
    """Shared by elements and arrows: create (no id) or edit (id) through one service."""

    permission_required = "pilots.change_theory"
    model: type = Element
    key = "element"
    titles = (gettext_lazy("New element"), gettext_lazy("Edit element"))

    def _theory_url(self) -> str:
        return reverse("pilots:theory", args=[self.pilot().pk])

    def cancel_url(self, item) -> str:
        return self._theory_url()

    def _form(self, *args, **kwargs):
        if self.model is Link:
            return forms.LinkForm(*args, pilot=self.pilot(), **kwargs)
        return forms.ElementForm(*args, **kwargs)

    def get(self, request, pk: int, **kwargs):
        item = self.item()
        initial = {}
        if item:
            fields = (
                ("source", "target", "rationale", "assumption")
                if self.model is Link
                else ("kind", "title", "description", "order")
            )
            initial = {name: getattr(item, name) for name in fields}
            initial["indicators"] = list(item.indicators.all())
            initial["version"] = item.version
        return self._page(request, self._form(initial=initial), item)

    def post(self, request, pk: int, **kwargs):
        item = self.item()
        form = self._form(request.POST)

        def write():
            data = form.cleaned_data
            target = item or self.model(pilot=self.pilot())
            fields = (
                ("source", "target", "rationale", "assumption")
                if self.model is Link
                else ("kind", "title", "description", "order")
            )
            for name in fields:
                setattr(target, name, data[name])
            save = services.link_save if self.model is Link else services.element_save
            return save(
                target,
                user=request.user,
                indicators=data["indicators"],
                reason=data["reason"],
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


class LinkEditView(TheoryEditView):
    model, key = Link, "link"
    titles = (gettext_lazy("New arrow"), gettext_lazy("Edit arrow"))


class TheoryDeleteView(TheoryEditView):
    def get(self, request, pk: int, **kwargs):
        item = self.item()
        intro = _("Delete “%(item)s” from the theory of change? The history keeps it.") % {
            "item": item
        }
        form = forms.DeleteForm(initial={"version": item.version})
        return form_page(request, form, _("Delete"), self._theory_url(), intro=intro)

    def post(self, request, pk: int, **kwargs):
        item = self.item()
        form = forms.DeleteForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.theory_delete(
                item, user=request.user, reason=form.cleaned_data["reason"]
            ),
            render=lambda status: form_page(request, form, _("Delete"), self._theory_url(), status),
            success_url=lambda saved: self._theory_url(),
            success_message=_("Deleted."),
        )


class LinkDeleteView(TheoryDeleteView):
    model, key = Link, "link"


# --- Kwaliteitskompas ----------------------------------------------------------------------------
class CompassView(RuleView):
    def get(self, request, pk: int):
        pilot = self.pilot()
        today = _today()
        return render(
            request,
            "pilots/compass.html",
            {
                "pilot": pilot,
                "blocks": selectors.compass(request.user, pilot, today),
                "latest": selectors.latest_period(pilot, today),
            },
        )
