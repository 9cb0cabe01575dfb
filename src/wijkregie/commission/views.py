"""Pages of the commission register. Thin: parse, ask the rules, call a service or selector."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.commission import charts, forms, selectors, services, spreadsheets, workflow
from wijkregie.commission.models import (
    AdditionalAssignment,
    Commission,
    ExecutionAgreement,
    Request,
    Requirement,
)
from wijkregie.common.saving import save_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


def _commission(request) -> Commission:
    """The commission the page is about: ``?opdracht=<id>``, else the current one."""
    pk = request.GET.get("opdracht")
    if pk and pk.isdigit():
        return get_object_or_404(Commission, pk=int(pk))
    commission = selectors.current_commission()
    if commission is None:
        raise Http404(_("No commission has been registered yet."))
    return commission


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _year(request) -> int:
    form = forms.YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"]
    return timezone.localdate().year


# --- overview -----------------------------------------------------------------------------------
class OverviewView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request):
        commission = _commission(request)
        year = _year(request)
        overview = selectors.overview(user=request.user, commission=commission, year=year)
        side_steering = selectors.side_steering_counts(user=request.user, commission=commission)
        budgets = selectors.budget_monitor(user=request.user, commission=commission)
        context = {
            "commission": commission,
            "commissions": selectors.commission_list(),
            "overview": overview,
            "side_steering": side_steering,
            "budgets": budgets,
            "year_form": forms.YearForm(initial={"year": year}),
            "can_change": request.user.has_perm("commission.change_commission"),
            "show_names": request.user.has_perm("commission.view_personal_names"),
        }
        return render(request, "commission/overview.html", context)


class OverviewExportView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request):
        commission = _commission(request)
        year = _year(request)
        content = spreadsheets.overview_workbook(
            selectors.overview(user=request.user, commission=commission, year=year),
            selectors.side_steering_counts(user=request.user, commission=commission),
            selectors.budget_monitor(user=request.user, commission=commission),
        )
        return _xlsx(content, f"wijkregie-overzicht-{year}.xlsx")


# --- commission and requirements ----------------------------------------------------------------
class CommissionDetailView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request, pk: int):
        commission = get_object_or_404(selectors.commission_list(), pk=pk)
        theme_form = forms.AssignmentFilterForm(request.GET or None)
        theme = theme_form.cleaned_data.get("theme") if theme_form.is_valid() else None
        query = theme_form.cleaned_data.get("q") if theme_form.is_valid() else None
        context = {
            "commission": commission,
            "requirements": selectors.requirement_list(
                commission=commission, theme=theme, query=query
            ),
            "filter_form": theme_form,
            "can_change": request.user.has_perm("commission.change_commission"),
        }
        return render(request, "commission/commission_detail.html", context)


class CommissionEditView(RuleView):
    permission_required = "commission.change_commission"

    def _render(self, request, commission, form, status=200):
        return render(
            request,
            "ui/form_page.html",
            {
                "form": form,
                "title": _("Edit %(name)s") % {"name": commission.name},
                "cancel_url": reverse("commission:commission_detail", args=[commission.pk]),
            },
            status=status,
        )

    def get(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        form = forms.CommissionForm(
            initial={
                "name": commission.name,
                "period_start": commission.period_start,
                "period_end": commission.period_end,
                "intent": commission.intent,
                "contractors": list(commission.contractors.all()),
                "version": commission.version,
            }
        )
        return self._render(request, commission, form)

    def post(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        form = forms.CommissionForm(request.POST)

        def write():
            fields = ("name", "period_start", "period_end", "intent")
            return services.commission_update(
                commission=commission,
                expected_version=form.cleaned_data["version"],
                data={k: form.cleaned_data[k] for k in fields},
                contractors=form.cleaned_data["contractors"],
                request=request,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, commission, form, status=status),
            success_url=lambda saved: reverse("commission:commission_detail", args=[saved.pk]),
            success_message=_("Saved."),
        )


class RequirementCreateView(RuleView):
    permission_required = "commission.change_commission"

    def _render(self, request, commission, form, status=200):
        return render(
            request,
            "ui/form_page.html",
            {
                "form": form,
                "title": _("New requirement"),
                "cancel_url": reverse("commission:commission_detail", args=[commission.pk]),
            },
            status=status,
        )

    def get(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        return self._render(request, commission, forms.RequirementForm())

    def post(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        form = forms.RequirementForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.requirement_create(
                commission=commission, actor=request.user, request=request, **form.cleaned_data
            ),
            render=lambda status: self._render(request, commission, form, status=status),
            success_url=lambda saved: reverse("commission:requirement_detail", args=[saved.pk]),
            success_message=_("Saved."),
        )


class RequirementDetailView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request, pk: int):
        requirement = get_object_or_404(
            Requirement.objects.select_related("commission", "theme"), pk=pk
        )
        return render(
            request,
            "commission/requirement_detail.html",
            {
                "requirement": requirement,
                "versions": requirement.versions.select_related("changed_by"),
                "can_change": request.user.has_perm("commission.change_commission"),
                "show_names": request.user.has_perm("commission.view_personal_names"),
            },
        )


class RequirementChangeView(RuleView):
    permission_required = "commission.change_commission"

    def _render(self, request, requirement, form, status=200):
        return render(
            request,
            "ui/form_page.html",
            {
                "form": form,
                "title": _("Change requirement %(code)s") % {"code": requirement.code},
                "cancel_url": reverse("commission:requirement_detail", args=[requirement.pk]),
            },
            status=status,
        )

    def get(self, request, pk: int):
        requirement = get_object_or_404(Requirement, pk=pk)
        form = forms.RequirementChangeForm(
            initial={
                "text": requirement.text,
                "theme": requirement.theme,
                "contractors": list(requirement.contractors.all()),
                "source_document": requirement.source_document,
                "source_version": requirement.source_version,
                "version": requirement.version,
            }
        )
        return self._render(request, requirement, form)

    def post(self, request, pk: int):
        requirement = get_object_or_404(Requirement, pk=pk)
        form = forms.RequirementChangeForm(request.POST)

        def write():
            data = dict(form.cleaned_data)
            expected = data.pop("version")
            return services.requirement_change(
                requirement=requirement,
                expected_version=expected,
                actor=request.user,
                request=request,
                **data,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, requirement, form, status=status),
            success_url=lambda saved: reverse("commission:requirement_detail", args=[saved.pk]),
            success_message=_("A new version has been recorded."),
        )


class AssignmentListView(RuleView):
    permission_required = "commission.view_commission"

    def _assignments(self, request, commission):
        form = forms.AssignmentFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        assignments = selectors.assignment_list(
            user=request.user,
            commission=commission,
            contractor=filters.get("contractor"),
            theme=filters.get("theme"),
            status=filters.get("status") or None,
            query=filters.get("q") or None,
        )
        return form, assignments

    def get(self, request):
        commission = _commission(request)
        form, assignments = self._assignments(request, commission)
        year = timezone.localdate().year
        return render(
            request,
            "commission/assignment_list.html",
            {
                "commission": commission,
                "form": form,
                "assignments": assignments,
                "year": year,
                "can_change": request.user.has_perm("commission.change_commission"),
                "query": request.GET.urlencode(),
            },
        )


class AssignmentExportView(AssignmentListView):
    def get(self, request):
        commission = _commission(request)
        _form, assignments = self._assignments(request, commission)
        content = spreadsheets.assignments_workbook(
            list(assignments), with_names=request.user.has_perm("commission.view_personal_names")
        )
        return _xlsx(content, "wijkregie-aanvullende-opdrachten.xlsx")


class AssignmentTimelineView(AssignmentListView):
    def get(self, request):
        commission = _commission(request)
        form, assignments = self._assignments(request, commission)
        assignments = list(assignments)
        return render(
            request,
            "commission/assignment_timeline.html",
            {
                "commission": commission,
                "form": form,
                "assignments": assignments,
                "chart": charts.timeline(assignments, today=timezone.localdate()),
            },
        )


class AssignmentDetailView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request, pk: int):
        assignment = get_object_or_404(
            AdditionalAssignment.objects.select_related("commissioning_department", "owner"),
            pk=pk,
        )
        if not request.user.has_perm("commission.view_assignment", assignment):
            raise PermissionDenied
        return render(
            request,
            "commission/assignment_detail.html",
            {
                "assignment": assignment,
                "budgets": assignment.budgets.all(),
                # Only the requests this user may open (team staff: their own organisation's).
                "requests": selectors.request_list(user=request.user).filter(
                    resulting_assignment=assignment
                ),
                "can_change": request.user.has_perm("commission.change_commission"),
                "show_names": request.user.has_perm("commission.view_personal_names"),
            },
        )


class AssignmentEditView(RuleView):
    permission_required = "commission.change_commission"

    def _years(self, commission: Commission, assignment: AdditionalAssignment | None):
        first, last = commission.period_start.year, commission.period_end.year
        if assignment is not None:
            years = [b.year for b in assignment.budgets.all()] + [assignment.start_date.year]
            first, last = min([first, *years]), max([last, *years])
        return list(range(first, last + 1))

    def _objects(self, request, pk):
        if pk is None:
            return _commission(request), None
        assignment = get_object_or_404(AdditionalAssignment, pk=pk)
        return assignment.commission, assignment

    def _render(self, request, form, assignment, status=200):
        title = (
            _("Edit %(name)s") % {"name": assignment.title}
            if assignment
            else _("New additional assignment")
        )
        cancel = (
            reverse("commission:assignment_detail", args=[assignment.pk])
            if assignment
            else reverse("commission:assignment_list")
        )
        return render(
            request,
            "ui/form_page.html",
            {"form": form, "title": title, "cancel_url": cancel},
            status=status,
        )

    def get(self, request, pk: int | None = None):
        commission, assignment = self._objects(request, pk)
        form = forms.AssignmentForm(
            instance=assignment, budget_years=self._years(commission, assignment)
        )
        return self._render(request, form, assignment)

    def post(self, request, pk: int | None = None):
        commission, assignment = self._objects(request, pk)
        form = forms.AssignmentForm(
            request.POST, instance=assignment, budget_years=self._years(commission, assignment)
        )

        def write():
            common = {
                "themes": form.cleaned_data["themes"],
                "contractors": form.cleaned_data["contractors"],
                "budgets": form.budgets(),
                "request": request,
            }
            if assignment is None:
                return services.assignment_create(
                    commission=commission, data=form.data_fields(), **common
                )
            return services.assignment_update(
                assignment=AdditionalAssignment.objects.get(pk=assignment.pk),
                expected_version=form.cleaned_data.get("version") or 0,
                data=form.data_fields(),
                **common,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, assignment, status=status),
            success_url=lambda saved: reverse("commission:assignment_detail", args=[saved.pk]),
            success_message=_("Saved."),
        )


class AssignmentImportView(RuleView):
    permission_required = "commission.change_commission"

    def get(self, request):
        return render(
            request,
            "commission/assignment_import.html",
            {"form": forms.ImportForm(), "commission": _commission(request)},
        )

    def post(self, request):
        commission = _commission(request)
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request,
                "commission/assignment_import.html",
                {"form": form, "commission": commission},
                status=400,
            )
        upload = form.cleaned_data["file"]
        report = spreadsheets.import_assignments(
            upload, file_name=upload.name, commission=commission, request=request
        )
        return render(
            request,
            "commission/assignment_import.html",
            {"form": forms.ImportForm(), "commission": commission, "report": report},
            status=200 if report.ok else 400,
        )


# --- requests (the funnel) ----------------------------------------------------------------------
class RequestListView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request):
        commission = _commission(request)
        return render(
            request,
            "commission/request_list.html",
            {
                "commission": commission,
                "requests": selectors.request_list(user=request.user, commission=commission),
                "side_steering": selectors.side_steering_counts(
                    user=request.user, commission=commission
                ),
                "can_file": request.user.has_perm("commission.add_request"),
                "can_register": request.user.has_perm("commission.register_outside_funnel"),
            },
        )


class RequestCreateView(RuleView):
    permission_required = "commission.add_request"

    def get(self, request):
        return render(
            request,
            "ui/form_page.html",
            {
                "form": forms.RequestForm(),
                "title": _("File a request with the assessment body"),
                "intro": _(
                    "A request for the teams goes to the assessment body first, which "
                    "weighs it against the intent of the main commission."
                ),
                "cancel_url": reverse("commission:request_list"),
            },
        )

    def post(self, request):
        form = forms.RequestForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.request_submit(
                commission=_commission(request), actor=request.user, **form.cleaned_data
            ),
            render=lambda status: render(
                request,
                "ui/form_page.html",
                {
                    "form": form,
                    "title": _("File a request with the assessment body"),
                    "cancel_url": reverse("commission:request_list"),
                },
                status=status,
            ),
            success_url=lambda saved: reverse("commission:request_detail", args=[saved.pk]),
            success_message=_("The request has been filed."),
        )


class RequestOutsideFunnelView(RuleView):
    permission_required = "commission.register_outside_funnel"

    def _form(self, request, data=None):
        return forms.OutsideFunnelForm(data, team_ids=team_organisation_ids(request.user))

    def _render(self, request, form, status=200):
        return render(
            request,
            "ui/form_page.html",
            {
                "form": form,
                "title": _("Register a request received outside the funnel"),
                "intro": _(
                    "Did a department ask your team for something directly, outside the "
                    "agreed lines? Register it here. The assessment body still assesses it, "
                    "and the municipality sees how often this happens."
                ),
                "cancel_url": reverse("commission:request_list"),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, self._form(request))

    def post(self, request):
        form = self._form(request, request.POST)
        return save_form(
            request,
            form,
            lambda: services.request_register_outside_funnel(
                commission=_commission(request), actor=request.user, **form.cleaned_data
            ),
            render=lambda status: self._render(request, form, status=status),
            success_url=lambda saved: reverse("commission:request_detail", args=[saved.pk]),
            success_message=_("The request has been registered."),
        )


class RequestDetailView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request, pk: int):
        request_obj = get_object_or_404(
            Request.objects.select_related("requesting_department", "received_by", "decided_by"),
            pk=pk,
        )
        if not request.user.has_perm("commission.view_request", request_obj):
            raise PermissionDenied
        return render(
            request,
            "commission/request_detail.html",
            {
                "request_obj": request_obj,
                "events": request_obj.events.select_related("actor"),
                "can_decide": request.user.has_perm("commission.decide_request")
                and workflow.can_decide(request_obj),
                "show_names": request.user.has_perm("commission.view_personal_names"),
            },
        )


class RequestDecideView(RuleView):
    permission_required = "commission.decide_request"

    def _render(self, request, request_obj, form, status=200):
        return render(
            request,
            "commission/request_decide.html",
            {"form": form, "request_obj": request_obj},
            status=status,
        )

    def get(self, request, pk: int):
        request_obj = get_object_or_404(Request, pk=pk)
        if not workflow.can_decide(request_obj):
            messages.info(request, _("This request has already been decided."))
            return redirect("commission:request_detail", pk=pk)
        return self._render(
            request, request_obj, forms.DecideForm(initial={"version": request_obj.version})
        )

    def post(self, request, pk: int):
        request_obj = get_object_or_404(Request, pk=pk)
        form = forms.DecideForm(request.POST)

        def write():
            data = form.cleaned_data
            return services.request_decide(
                request_obj=request_obj,
                expected_version=data["version"],
                decision=data["decision"],
                reasoning=data["decision_reasoning"],
                body=data["decided_by"],
                decided_on=data["decided_on"],
                redirected_to=data["redirected_to"],
                resulting_assignment=data["resulting_assignment"],
                actor=request.user,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, request_obj, form, status=status),
            success_url=lambda saved: reverse("commission:request_detail", args=[saved.pk]),
            success_message=_("The decision has been recorded."),
            conflicts=(workflow.IllegalTransition,),
        )


class BudgetMonitorView(RuleView):
    permission_required = "commission.view_commission"

    def get(self, request):
        commission = _commission(request)
        series = selectors.budget_monitor(user=request.user, commission=commission)
        return render(
            request,
            "commission/budget_monitor.html",
            {
                "commission": commission,
                "series": series,
                "chart": charts.purchasing_power(series),
                "can_change": request.user.has_perm("commission.change_commission"),
            },
        )


class AgreementEditView(RuleView):
    permission_required = "commission.change_commission"

    def _render(self, request, form, agreement, status=200):
        title = (
            _("Execution agreement %(name)s") % {"name": agreement}
            if agreement
            else _("New execution agreement")
        )
        return render(
            request,
            "ui/form_page.html",
            {
                "form": form,
                "title": title,
                "cancel_url": reverse("commission:budget_monitor"),
                "intro": _(
                    "Amounts are entered as in Excel, e.g. 4.250.000,00; percentages as 2,5."
                ),
            },
            status=status,
        )

    def get(self, request, pk: int | None = None):
        if pk is None:
            return self._render(
                request, forms.AgreementForm(initial={"year": date.today().year}), None
            )
        agreement = get_object_or_404(ExecutionAgreement, pk=pk)
        form = forms.AgreementEditForm(
            initial={
                "integral_budget": agreement.integral_budget,
                "indexation_pct": agreement.indexation_pct,
                "cao_wage_growth_pct": agreement.cao_wage_growth_pct,
                "notes": agreement.notes,
                "version": agreement.version,
            }
        )
        return self._render(request, form, agreement)

    def post(self, request, pk: int | None = None):
        agreement = get_object_or_404(ExecutionAgreement, pk=pk) if pk else None
        form = (forms.AgreementEditForm if agreement else forms.AgreementForm)(request.POST)

        def write():
            data = dict(form.cleaned_data)
            if agreement is None:
                return services.agreement_create(
                    commission=_commission(request), request=request, **data
                )
            expected = data.pop("version")
            return services.agreement_update(
                agreement=agreement, expected_version=expected, data=data, request=request
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, agreement, status=status),
            success_url=lambda saved: reverse("commission:budget_monitor"),
            success_message=_("Saved."),
        )
