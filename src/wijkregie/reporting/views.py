"""Pages of the half-year delivery. Thin: parse, ask the rules, call a service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.common.saving import save_form
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.deidentification.selectors import marked_terms
from wijkregie.organisations.models import Organisation
from wijkregie.reporting import forms, selectors, services, spreadsheets, workflow
from wijkregie.reporting.models import CaseStory, Delivery, Narrative

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFLICTS = (workflow.IllegalTransition,)


class DeliveryView(PermissionRequiredMixin, View):
    """A page about one delivery; ``permission_required`` is checked against it."""

    raise_exception = True

    def get_permission_object(self):
        self.delivery = get_object_or_404(
            Delivery.objects.select_related("organisation"), pk=self.kwargs["pk"]
        )
        return self.delivery


class DeliveryListView(PermissionRequiredMixin, View):
    permission_required = "reporting.view_deliveries"
    raise_exception = True

    def get(self, request, form=None, status=200):
        today = timezone.localdate()
        board = selectors.status_board(request.user, today=today)
        own = [
            o
            for o in Organisation.objects.filter(pk__in=team_organisation_ids(request.user))
            if request.user.has_perm("reporting.add_delivery", o)
        ]
        return render(
            request,
            "reporting/delivery_list.html",
            {
                "board": board,
                "today": today,
                "deliveries": selectors.deliveries_for(request.user)[:200],
                "create_form": form or (forms.CreateDeliveryForm() if own else None),
                "own": own,
            },
            status=status,
        )


class DeliveryCreateView(PermissionRequiredMixin, View):
    raise_exception = True

    def has_permission(self):
        self.organisation = get_object_or_404(Organisation, pk=self.kwargs["organisation"])
        return self.request.user.has_perm("reporting.add_delivery", self.organisation)

    def post(self, request, organisation: int):
        form = forms.CreateDeliveryForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.delivery_create(
                organisation=self.organisation,
                period=form.cleaned_data["period"],
                user=request.user,
            ),
            render=lambda status: DeliveryListView().get(request, form=form, status=status),
            success_url=lambda d: reverse("reporting:detail", args=[d.pk]),
            success_message=_("The delivery has been started."),
        )


class DeliveryDetailView(DeliveryView):
    permission_required = "reporting.view_delivery"

    def get(self, request, pk: int, review_form=None, correction_form=None, status=200):
        delivery = self.delivery
        user = request.user
        own = user.has_perm("reporting.change_delivery", delivery)
        can_review = user.has_perm("reporting.review_delivery", delivery) and workflow.allowed(
            delivery, Delivery.State.APPROVED
        )
        can_correct = (
            user.has_perm("reporting.correct_delivery", delivery)
            and delivery.state == Delivery.State.APPROVED
        )
        versions = Delivery.objects.filter(
            organisation=delivery.organisation, period=delivery.period
        ).order_by("number")
        return render(
            request,
            "reporting/delivery_detail.html",
            {
                "delivery": delivery,
                "lines": selectors.lines(delivery, user),
                "own": own,
                "narratives": delivery.narratives.select_related("theme", "requirement"),
                "stories": delivery.case_stories.select_related("theme", "area").prefetch_related(
                    "indicators"
                ),
                "events": delivery.events.select_related("actor"),
                "missing": services.missing_lines(delivery) if delivery.editable else [],
                "can_edit": own and delivery.editable,
                "can_submit": user.has_perm("reporting.submit_delivery", delivery)
                and workflow.allowed(delivery, Delivery.State.SUBMITTED),
                "review_form": review_form
                or (
                    forms.ReviewForm(initial={"version": delivery.version}) if can_review else None
                ),
                "correction_form": correction_form
                or (forms.CorrectionForm() if can_correct else None),
                "versions": versions,
                "show_names": user.has_perm("accounts.view_personal_names"),
                "overdue": delivery.state in (Delivery.State.DRAFT, Delivery.State.SENT_BACK)
                and timezone.localdate() > delivery.due_date,
            },
            status=status,
        )


class ValuesEditView(DeliveryView):
    permission_required = "reporting.change_delivery"

    def _form(self, data=None):
        lines = services.expected_lines(self.delivery.organisation)
        initial = {"version": self.delivery.version}
        for value in self.delivery.values.all():
            key = f"{value.indicator_id}-{value.area_id or 0}"
            initial.update(
                {
                    f"{key}-value": value.value,
                    f"{key}-numerator": value.numerator,
                    f"{key}-denominator": value.denominator,
                    f"{key}-not_measurable": value.not_measurable,
                    f"{key}-reason": value.reason,
                    f"{key}-explanation": value.explanation,
                }
            )
        return forms.ValuesForm(data, lines=lines, initial=initial)

    def _render(self, request, form, status=200):
        return render(
            request,
            "reporting/values_form.html",
            {"delivery": self.delivery, "form": form},
            status=status,
        )

    def get(self, request, pk: int):
        if not self.delivery.editable:
            return redirect("reporting:detail", pk=pk)
        return self._render(request, self._form())

    def post(self, request, pk: int):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(request, form, 400)
        entries = form.entries()
        try:
            services.save_entries(
                self.delivery,
                entries,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.LinesInvalid as exc:
            form.add_entry_errors(exc.entries)
            form.add_error(None, exc.messages)
            return self._render(request, form, 400)
        except (ConcurrentEditError, workflow.IllegalTransition) as exc:
            form.add_error(None, getattr(exc, "message", ConcurrentEditError.message))
            return self._render(request, form, 409)
        messages.success(request, _("The values have been saved."))
        return redirect("reporting:detail", pk=pk)


class TemplateDownloadView(DeliveryView):
    permission_required = "reporting.change_delivery"

    def get(self, request, pk: int):
        response = HttpResponse(spreadsheets.template(self.delivery), content_type=XLSX)
        name = f"halfjaarlevering-{self.delivery.organisation.code}-{self.delivery.period}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class UploadView(DeliveryView):
    permission_required = "reporting.change_delivery"

    def _render(self, request, form, report=None, status=200):
        return render(
            request,
            "reporting/upload.html",
            {"delivery": self.delivery, "form": form, "report": report},
            status=status,
        )

    def get(self, request, pk: int):
        return self._render(request, forms.UploadForm(initial={"version": self.delivery.version}))

    def post(self, request, pk: int):
        form = forms.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        report, entries, row_of = spreadsheets.read(
            upload, file_name=upload.name, delivery=self.delivery
        )
        if report.ok:
            try:
                services.save_entries(
                    self.delivery,
                    entries,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except services.LinesInvalid as exc:
                spreadsheets.report_entry_errors(report, exc.entries, row_of)
            except (ConcurrentEditError, workflow.IllegalTransition) as exc:
                form.add_error(None, getattr(exc, "message", ConcurrentEditError.message))
                return self._render(request, form, status=409)
        if not report.ok:
            form = forms.UploadForm(initial={"version": self.delivery.version})
            return self._render(request, form, report=report, status=400)
        messages.success(
            request,
            _("%(name)s has been read: %(count)d line(s) saved.")
            % {"name": upload.name, "count": len(entries)},
        )
        return redirect("reporting:detail", pk=pk)


class SubmitView(DeliveryView):
    permission_required = "reporting.submit_delivery"

    def post(self, request, pk: int):
        form = forms.VersionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The form was incomplete; reload the page and try again."))
            return DeliveryDetailView(delivery=self.delivery).get(request, pk, status=400)
        try:
            services.submit(
                self.delivery, user=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return DeliveryDetailView(delivery=self.delivery).get(request, pk, status=400)
        except (ConcurrentEditError, workflow.IllegalTransition) as exc:
            messages.error(request, getattr(exc, "message", ConcurrentEditError.message))
            return DeliveryDetailView(delivery=self.delivery).get(request, pk, status=409)
        messages.success(request, _("The delivery has been submitted to the municipality."))
        return redirect("reporting:detail", pk=pk)


class ReviewView(DeliveryView):
    permission_required = "reporting.review_delivery"

    def post(self, request, pk: int):
        form = forms.ReviewForm(request.POST)

        def write():
            data = form.cleaned_data
            if data["decision"] == "approve":
                return services.approve(
                    self.delivery,
                    user=request.user,
                    note=data["feedback"],
                    expected_version=data["version"],
                )
            return services.send_back(
                self.delivery,
                user=request.user,
                feedback=data["feedback"],
                expected_version=data["version"],
            )

        decision = request.POST.get("decision")
        return save_form(
            request,
            form,
            write,
            render=lambda status: DeliveryDetailView(delivery=self.delivery).get(
                request, pk, review_form=form, status=status
            ),
            success_url=lambda d: reverse("reporting:detail", args=[d.pk]),
            success_message=_("The delivery has been approved.")
            if decision == "approve"
            else _("The delivery has been sent back with your feedback."),
            conflicts=CONFLICTS,
        )


class CorrectionView(DeliveryView):
    permission_required = "reporting.correct_delivery"

    def post(self, request, pk: int):
        form = forms.CorrectionForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.start_correction(
                self.delivery, user=request.user, reason=form.cleaned_data["reason"]
            ),
            render=lambda status: DeliveryDetailView(delivery=self.delivery).get(
                request, pk, correction_form=form, status=status
            ),
            success_url=lambda d: reverse("reporting:detail", args=[d.pk]),
            success_message=_("A correction has been started as a new version."),
            conflicts=CONFLICTS,
        )


class _TextEditView(DeliveryView):
    """Adding, editing or removing a narrative or a case story of a delivery."""

    permission_required = "reporting.change_delivery"
    model: type[Narrative] | type[CaseStory]
    form_class: type
    title: str
    anchor: str

    def _render(self, request, form, status=200):
        return render(
            request,
            "reporting/text_form.html",
            {"delivery": self.delivery, "form": form, "title": self.title, "item": self.item},
            status=status,
        )

    def _item(self, item_pk):
        self.item = (
            get_object_or_404(self.model, pk=item_pk, delivery=self.delivery) if item_pk else None
        )

    def initial(self) -> dict:
        raise NotImplementedError

    def save(self, request, data: dict):
        raise NotImplementedError

    def get(self, request, pk: int, item: int | None = None):
        self._item(item)
        initial = (
            {
                **self.initial(),
                "version": self.item.version,
                "marked": "\n".join(marked_terms(self.item._meta.label_lower, self.item.pk)),
            }
            if self.item
            else {}
        )
        return self._render(request, self.form_class(initial=initial))

    def post(self, request, pk: int, item: int | None = None):
        self._item(item)
        if request.POST.get("delete") and self.item:
            services.delete_text(self.delivery, self.item, user=request.user)
            messages.success(request, _("The text has been removed."))
            return redirect("reporting:detail", pk=pk)
        form = self.form_class(request.POST)
        return save_form(
            request,
            form,
            lambda: self.save(request, form.cleaned_data),
            render=lambda status: self._render(request, form, status),
            success_url=lambda saved: (
                reverse("reporting:detail", args=[pk]) + f"#{self.anchor}-{saved.pk}"
            ),
            success_message=_("Saved. Check the shared version below your text."),
            conflicts=CONFLICTS,
        )


class NarrativeEditView(_TextEditView):
    model = Narrative
    form_class = forms.NarrativeForm
    title = gettext_lazy("Narrative")
    anchor = "verhaal"

    def initial(self) -> dict:
        return {
            "theme": self.item.theme,
            "requirement": self.item.requirement,
            "text": self.item.text,
        }

    def save(self, request, data: dict):
        return services.save_narrative(
            self.delivery,
            user=request.user,
            text=data["text"],
            theme=data["theme"],
            requirement=data["requirement"],
            narrative=self.item,
            expected_version=data.get("version"),
            marked=forms.marked_lines(data.get("marked", "")),
        )


class CaseStoryEditView(_TextEditView):
    model = CaseStory
    form_class = forms.CaseStoryForm
    title = gettext_lazy("Case story")
    anchor = "casus"

    def initial(self) -> dict:
        return {
            "title": self.item.title,
            "text": self.item.text,
            "theme": self.item.theme,
            "area": self.item.area,
            "indicators": list(self.item.indicators.all()),
        }

    def save(self, request, data: dict):
        return services.save_case_story(
            self.delivery,
            user=request.user,
            title=data["title"],
            text=data["text"],
            theme=data["theme"],
            area=data["area"],
            indicators=list(data["indicators"]),
            story=self.item,
            expected_version=data.get("version"),
            marked=forms.marked_lines(data.get("marked", "")),
        )
