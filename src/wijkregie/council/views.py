"""Pages of the council report: the published versions for everyone with a role (the council
first), drafts with their progress for the contract manager, who publishes them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.forms import Form
from wijkregie.common.periods import Period, validate_period
from wijkregie.common.saving import form_page, save_form
from wijkregie.council import selectors, services


class RequestForm(Form):
    period = forms.CharField(
        label=gettext_lazy("Half-year"),
        max_length=6,
        validators=[validate_period],
        help_text=gettext_lazy("For example 2026H1."),
    )


class ListView(PermissionRequiredMixin, View):
    permission_required = "council.view_report"
    raise_exception = True

    def get(self, request):
        return render(request, "council/list.html", {"reports": selectors.visible(request.user)})


class RequestView(PermissionRequiredMixin, View):
    permission_required = "council.make_report"
    raise_exception = True

    def _render(self, request, form, status=200):
        return form_page(
            request,
            form,
            _("New council report"),
            reverse("council:list"),
            status=status,
            intro=_("The report is built in the background; its page shows how far it is."),
        )

    def get(self, request):
        previous = Period.containing(timezone.localdate()).previous()
        return self._render(request, RequestForm(initial={"period": str(previous)}))

    def post(self, request):
        form = RequestForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.report_request(period=form.cleaned_data["period"], user=request.user),
            render=lambda status: self._render(request, form, status),
            success_url=lambda draft: reverse("council:detail", args=[draft.pk]),
            success_message=_("The report is being built."),
        )


class DetailView(PermissionRequiredMixin, View):
    permission_required = "council.view_report"
    raise_exception = True

    def get(self, request, pk: int):
        report = get_object_or_404(selectors.visible(request.user), pk=pk)
        return render(request, "council/detail.html", {"report": report})


class PublishView(PermissionRequiredMixin, View):
    permission_required = "council.make_report"
    raise_exception = True

    def post(self, request, pk: int):
        report = get_object_or_404(selectors.visible(request.user), pk=pk)
        try:
            services.publish(report, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Published. This version can no longer change."))
        return redirect("council:detail", pk=pk)


class DownloadView(PermissionRequiredMixin, View):
    permission_required = "council.view_report"
    raise_exception = True
    fmt = "pdf"

    def get(self, request, pk: int):
        report = get_object_or_404(selectors.visible(request.user), pk=pk)
        content = getattr(report, self.fmt)
        if content is None:
            raise Http404
        kind = (
            "application/pdf"
            if self.fmt == "pdf"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response = HttpResponse(bytes(content), content_type=kind)
        label = f"v{report.version}" if report.version else "concept"
        name = f"raadsrapportage-{report.period}-{label}"
        disposition = "inline" if self.fmt == "pdf" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{name}.{self.fmt}"'
        return response
