"""Pages of registrations: the IB comparison, uploading an export (preview, confirm, progress),
a run's report, and a team's own record-level trajectories (audit-logged)."""

from __future__ import annotations

import json

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.accounts.services import record_read_log
from wijkregie.common.forms import UtrechtFormMixin, apply_widget_classes
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import reader, selectors, services, tasks, uploads
from wijkregie.registrations.models import ImportRun, MappingProfile

MAX_UPLOAD = 500 * 1024 * 1024


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


def managed_organisations(user) -> list[Organisation]:
    return [
        o
        for o in Organisation.objects.filter(pk__in=team_organisation_ids(user)).order_by("name")
        if user.has_perm("registrations.import", o)
    ]


class OverviewView(RuleView):
    permission_required = "registrations.view_overview"

    def get(self, request):
        indicators, rows = selectors.ib_comparison(request.user)
        return render(
            request,
            "registrations/overview.html",
            {
                "indicators": indicators,
                "rows": rows,
                "runs": selectors.runs_for(request.user)[:20],
                "can_import": bool(managed_organisations(request.user)),
                "own": team_organisation_ids(request.user),
            },
        )


class UploadForm(UtrechtFormMixin, django_forms.Form):
    organisation = django_forms.ModelChoiceField(
        Organisation.objects.none(), label=gettext_lazy("Organisation"), empty_label=None
    )
    file = django_forms.FileField(
        label=gettext_lazy("Registration export (CSV or XLSX)"),
        help_text=gettext_lazy(
            "The canonical format, or your own layout with a column mapping profile. Client "
            "numbers and BSNs are pseudonymised on import and never stored."
        ),
    )
    profile = django_forms.ModelChoiceField(
        MappingProfile.objects.none(),
        label=gettext_lazy("Column mapping profile"),
        required=False,
        empty_label=gettext_lazy("none: the canonical format"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        self.fields["profile"].queryset = MappingProfile.objects.filter(
            organisation__in=organisations
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise django_forms.ValidationError(_("The file is larger than 500 MB."))
        return upload

    def clean(self):
        data = super().clean()
        profile, organisation = data.get("profile"), data.get("organisation")
        if profile and organisation and profile.organisation_id != organisation.pk:
            self.add_error("profile", _("This profile belongs to another organisation."))
        return data


class UploadView(RuleView):
    def has_permission(self):
        self.organisations = managed_organisations(self.request.user)
        return bool(self.organisations)

    def get(self, request, form=None, status=200):
        return render(
            request,
            "registrations/upload.html",
            {"form": form or UploadForm(organisations=self.organisations)},
            status=status,
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, organisations=self.organisations)
        if not form.is_valid():
            return self.get(request, form, status=400)
        upload = form.cleaned_data["file"]
        run = ImportRun.objects.create(
            organisation=form.cleaned_data["organisation"],
            profile=form.cleaned_data["profile"],
            file_name=upload.name[:255],
            size=upload.size,
            source="web",
            started_by=request.user,
        )
        uploads.store(run, upload)
        return redirect("registrations:run", pk=run.pk)


class RunView(RuleView):
    permission_required = "registrations.view_run"

    def get_permission_object(self):
        self.run = get_object_or_404(
            ImportRun.objects.select_related("organisation"), pk=self.kwargs["pk"]
        )
        return self.run

    def get(self, request, pk: int):
        run = self.run
        waiting = run.status == ImportRun.Status.PENDING and not run.task_id
        preview = None
        if waiting and request.user.has_perm("registrations.import", run.organisation):
            path = uploads.path_of(run)
            if path.exists():
                preview = services.preview(path, file_name=run.file_name, profile=run.profile)
        template = "registrations/_progress.html" if request.htmx else "registrations/run.html"
        return render(
            request,
            template,
            {
                "run": run,
                "preview": preview,
                "waiting": waiting,
                "can_confirm": preview is not None and not preview.problem,
            },
        )


class ConfirmView(RuleView):
    def has_permission(self):
        self.run = get_object_or_404(ImportRun, pk=self.kwargs["pk"])
        return self.request.user.has_perm("registrations.import", self.run.organisation)

    def post(self, request, pk: int):
        claimed = ImportRun.objects.filter(
            pk=pk, status=ImportRun.Status.PENDING, task_id=""
        ).update(task_id="queued")
        if claimed:
            result = tasks.import_upload.enqueue(pk)
            ImportRun.objects.filter(pk=pk, task_id="queued").update(task_id=str(result.id)[:64])
        return redirect("registrations:run", pk=pk)


class RecordsView(RuleView):
    """A team's own trajectories: record-level, so only for the delivering organisation, and
    every page read is written to the audit log."""

    def has_permission(self):
        own = Organisation.objects.filter(pk__in=team_organisation_ids(self.request.user))
        chosen = self.request.GET.get("organisatie", "")
        self.organisation = (
            own.filter(pk=int(chosen)).first() if chosen.isdigit() else own.order_by("name").first()
        )
        return self.organisation is not None and self.request.user.has_perm(
            "registrations.view_records", self.organisation
        )

    def get(self, request):
        page = Paginator(selectors.trajectories_of(self.organisation), 50).get_page(
            request.GET.get("pagina")
        )
        record_read_log(
            request=request,
            obj=self.organisation,
            detail={"what": "trajectories", "page": page.number, "rows": len(page.object_list)},
        )
        periods = [p for p in selectors.insights.default_periods()]
        return render(
            request,
            "registrations/records.html",
            {
                "organisation": self.organisation,
                "page": page,
                "medians": selectors.median_durations(self.organisation, periods),
            },
        )


class ProfileSampleForm(UtrechtFormMixin, django_forms.Form):
    organisation = django_forms.ModelChoiceField(
        Organisation.objects.none(), label=gettext_lazy("Organisation"), empty_label=None
    )
    name = django_forms.CharField(label=gettext_lazy("Name of the profile"), max_length=100)
    sample = django_forms.FileField(
        label=gettext_lazy("Sample export (CSV or XLSX)"),
        help_text=gettext_lazy("Only the header row is read; nothing of the file is kept."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class ProfileMappingForm(UtrechtFormMixin, django_forms.Form):
    #: The help text of each column says whether the format requires it.
    hide_optional_marker = True
    organisation = django_forms.IntegerField(widget=django_forms.HiddenInput)
    name = django_forms.CharField(widget=django_forms.HiddenInput, max_length=100)
    headers = django_forms.JSONField(widget=django_forms.HiddenInput)
    translations = django_forms.CharField(
        label=gettext_lazy("Value translations"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One per line: column: value in your file = value in the format, "
            "for example “soort: IB team = ib_team”."
        ),
    )

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        from wijkregie.common.xlsx import normalise_header
        from wijkregie.registrations.reader import COLUMNS

        choices = [("", "—"), *[(h, h) for h in headers]]
        by_name = {normalise_header(h): h for h in headers}
        for column, required in COLUMNS:
            self.fields[f"column_{column}"] = django_forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                initial=by_name.get(normalise_header(column), ""),
                help_text=_("required") if required else _("optional"),
            )
        apply_widget_classes(self)

    def columns(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }


class ProfileCreateView(RuleView):
    def has_permission(self):
        self.organisations = managed_organisations(self.request.user)
        return bool(self.organisations)

    def _render(self, request, form, status=200, step=1):
        return render(
            request,
            "registrations/profile.html",
            {
                "form": form,
                "step": step,
                "profiles": MappingProfile.objects.filter(organisation__in=self.organisations),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, ProfileSampleForm(organisations=self.organisations))

    def post(self, request):
        if request.POST.get("step") == "2":
            return self._save(request)
        form = ProfileSampleForm(request.POST, request.FILES, organisations=self.organisations)
        if not form.is_valid():
            return self._render(request, form, 400)
        upload = form.cleaned_data["sample"]
        try:
            headers = reader.headers(upload, file_name=upload.name)
        except reader.FileRejected as exc:
            form.add_error("sample", exc.reason)
            return self._render(request, form, 400)
        mapping = ProfileMappingForm(
            headers=headers,
            initial={
                "organisation": form.cleaned_data["organisation"].pk,
                "name": form.cleaned_data["name"],
                "headers": headers,
            },
        )
        return self._render(request, mapping, step=2)

    def _save(self, request):
        headers = request.POST.get("headers", "[]")
        try:
            parsed = [str(h) for h in json.loads(headers)][:200]
        except (ValueError, TypeError):
            parsed = []
        form = ProfileMappingForm(request.POST, headers=parsed)
        if not form.is_valid():
            return self._render(request, form, 400, step=2)
        organisation = next(
            (o for o in self.organisations if o.pk == form.cleaned_data["organisation"]), None
        )
        if organisation is None:
            raise PermissionDenied
        try:
            values = services.parse_translations(form.cleaned_data["translations"])
            services.profile_save(
                organisation=organisation,
                name=form.cleaned_data["name"],
                columns=form.columns(),
                values=values,
                user=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for column, problems in exc.message_dict.items():
                    form.add_error(f"column_{column}", problems)
            else:
                form.add_error("translations", exc.messages)
            return self._render(request, form, 400, step=2)
        messages.success(request, _("The column mapping profile has been saved."))
        return redirect("registrations:upload")
