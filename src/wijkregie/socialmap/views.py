"""Pages of the social map: find (start, wijk page, search, flyer), keep current (edit,
confirm, "klopt niet", freshness overview) and the collaboration links."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.saving import form_page, save_form
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.socialmap import forms, importing, selectors, services
from wijkregie.socialmap.models import ContactRole, Flag, Service


def _entry_or_404(kind: str, uuid):
    try:
        return selectors.entry_get(kind, uuid)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _entry_url(entry) -> str:
    if isinstance(entry, Service):
        return reverse("socialmap:service_detail", args=[entry.uuid])
    if isinstance(entry, ContactRole) and entry.area_id:
        return reverse("socialmap:area", args=[entry.area.code]) + f"#rol-{entry.uuid}"
    return reverse("socialmap:freshness")


class HomeView(PermissionRequiredMixin, View):
    permission_required = "socialmap.view"
    raise_exception = True

    def get(self, request):
        form = forms.SearchForm(request.GET or None)
        results = None
        if form.has_filters():
            data = form.cleaned_data
            results = list(
                selectors.search(
                    query=data["q"],
                    area=data["wijk"],
                    terms=[term for term in (data["thema"], data["doelgroep"]) if term],
                    kind=data["soort"],
                )[:100]
            )
        context = {
            "form": form,
            "results": results,
            "areas": selectors.areas_for(request.user),
            "own_ids": request.user.organisation_ids_with_role(),
            "attention": selectors.attention_for(request.user),
            "today": timezone.localdate(),
        }
        return render(request, "socialmap/home.html", context)


class AreaView(PermissionRequiredMixin, View):
    permission_required = "socialmap.view"
    raise_exception = True

    def get(self, request, code: str):
        area = get_object_or_404(Area.objects.select_related("responsible_organisation"), code=code)
        page = selectors.wijk_page(area)
        context = {
            "page": page,
            "show_personal": selectors.may_see_personal_details(request.user),
            "can_flag": request.user.has_perm("socialmap.flag_entry"),
            "today": timezone.localdate(),
        }
        return render(request, "socialmap/area.html", context)


class FlyerView(PermissionRequiredMixin, View):
    """The wijk's flyer as PDF, made from the current map at the moment it is asked for."""

    permission_required = "socialmap.view"
    raise_exception = True

    def get(self, request, code: str):
        from weasyprint import HTML  # imported here: Pango is only needed when a PDF is made

        area = get_object_or_404(Area.objects.select_related("responsible_organisation"), code=code)
        html = render_to_string(
            "socialmap/flyer.html",
            {
                "page": selectors.wijk_page(area),
                "show_personal": selectors.may_see_personal_details(request.user),
                "printed": timezone.localtime(),
            },
            request=request,
        )
        # No base URL: the flyer loads nothing, whatever an entry's text says.
        pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
        response = HttpResponse(pdf, content_type="application/pdf")
        stamp = timezone.localdate().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'inline; filename="sociale-kaart-{code}-{stamp}.pdf"'
        return response


class ServiceDetailView(PermissionRequiredMixin, View):
    permission_required = "socialmap.view"
    raise_exception = True

    def get(self, request, uuid):
        try:
            service = selectors.service_get(uuid)
        except Service.DoesNotExist as exc:
            raise Http404 from exc
        context = {
            "service": service,
            "roles": selectors.roles().filter(service=service),
            "state": selectors.state_of(service),
            "flags": selectors.flags_on(service),
            "can_change": request.user.has_perm("socialmap.change_entry", service),
            "can_flag": request.user.has_perm("socialmap.flag_entry"),
            "show_personal": selectors.may_see_personal_details(request.user),
        }
        return render(request, "socialmap/service_detail.html", context)


class ServiceEditView(PermissionRequiredMixin, View):
    """Add a service or activity of an organisation (``organisation`` in the URL) or edit one."""

    raise_exception = True

    def _objects(self):
        if "organisation" in self.kwargs:
            return get_object_or_404(Organisation, pk=self.kwargs["organisation"]), None
        service = get_object_or_404(
            Service.objects.select_related("owner"), uuid=self.kwargs["uuid"]
        )
        return service.owner, service

    def get_permission_required(self):
        return [
            "socialmap.add_entry" if "organisation" in self.kwargs else "socialmap.change_entry"
        ]

    def get_permission_object(self):
        owner, service = self._objects()
        return service or owner

    def _render(self, request, form, owner, service, status=200):
        title = (
            _("Edit %(name)s") % {"name": service.name}
            if service
            else _("New service or activity of %(org)s") % {"org": owner.name}
        )
        cancel = (
            reverse("socialmap:service_detail", args=[service.uuid])
            if service
            else reverse("socialmap:home")
        )
        intro = _("Saving also confirms that this entry is current.")
        return form_page(request, form, title, cancel, status=status, intro=intro)

    def get(self, request, **kwargs):
        owner, service = self._objects()
        return self._render(request, forms.ServiceForm(instance=service), owner, service)

    def post(self, request, **kwargs):
        owner, service = self._objects()
        form = forms.ServiceForm(request.POST, instance=service)

        def write():
            data = {field: form.cleaned_data[field] for field in services.SERVICE_FIELDS}
            relations = {name: form.cleaned_data[name] for name in services.SERVICE_RELATIONS}
            if service is None:
                return services.service_create(
                    owner=owner, data=data, relations=relations, actor=request.user
                )
            return services.service_update(
                service=Service.objects.get(pk=service.pk),
                expected_version=form.cleaned_data["version"],
                data=data,
                relations=relations,
                actor=request.user,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, owner, service, status),
            success_url=lambda saved: reverse("socialmap:service_detail", args=[saved.uuid]),
            success_message=_("Saved."),
        )


class RoleEditView(PermissionRequiredMixin, View):
    permission_required = "socialmap.change_entry"
    raise_exception = True

    def get_permission_object(self):
        if not hasattr(self, "_role"):
            self._role = get_object_or_404(
                ContactRole.objects.select_related("owner", "area"), uuid=self.kwargs["uuid"]
            )
        return self._role

    def _render(self, request, form, status=200):
        role = self.get_permission_object()
        return form_page(
            request,
            form,
            _("Contact role: %(title)s") % {"title": role.title},
            _entry_url(role),
            status=status,
            intro=_(
                "A role keeps its e-mail address when its holder changes. Choose the new holder "
                "from your organisation's contact persons, with the date they start."
            ),
        )

    def get(self, request, uuid):
        return self._render(request, forms.ContactRoleForm(instance=self.get_permission_object()))

    def post(self, request, uuid):
        role = self.get_permission_object()
        form = forms.ContactRoleForm(request.POST, instance=ContactRole.objects.get(pk=role.pk))

        def write():
            return services.contact_role_update(
                role=ContactRole.objects.get(pk=role.pk),
                expected_version=form.cleaned_data["version"],
                data={field: form.cleaned_data[field] for field in services.ROLE_FIELDS},
                actor=request.user,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, status),
            success_url=_entry_url,
            success_message=_("Saved."),
        )


class AssureView(PermissionRequiredMixin, View):
    """The owner confirms an entry is still correct ("nog actueel")."""

    permission_required = "socialmap.change_entry"
    raise_exception = True

    def get_permission_object(self):
        if not hasattr(self, "_entry"):
            self._entry = _entry_or_404(self.kwargs["kind"], self.kwargs["uuid"])
        return self._entry

    def post(self, request, kind, uuid):
        entry = self.get_permission_object()
        form = forms.AssureForm(request.POST)
        if not form.is_valid():
            return HttpResponse(status=400)
        try:
            services.assure(
                entry=entry, expected_version=form.cleaned_data["version"], actor=request.user
            )
        except ConcurrentEditError:
            messages.error(request, ConcurrentEditError.message)
            return redirect(request.POST.get("next") or _entry_url(entry), status=303)
        messages.success(request, _("Confirmed as current: %(entry)s.") % {"entry": entry})
        next_url = request.POST.get("next", "")
        if not next_url.startswith("/") or next_url.startswith("//"):
            next_url = _entry_url(entry)
        return redirect(next_url)


class FlagView(PermissionRequiredMixin, View):
    """ "Klopt niet": say what is wrong with an entry; its owner gets a task and an e-mail."""

    permission_required = "socialmap.flag_entry"
    raise_exception = True

    def _render(self, request, form, entry, status=200):
        return form_page(
            request,
            form,
            _("Not right: %(entry)s") % {"entry": entry},
            _entry_url(entry),
            status=status,
            intro=_("%(org)s keeps this entry current and will be asked to correct it.")
            % {"org": entry.owner.name},
        )

    def get(self, request, kind, uuid):
        entry = _entry_or_404(kind, uuid)
        return self._render(request, forms.FlagForm(), entry)

    def post(self, request, kind, uuid):
        entry = _entry_or_404(kind, uuid)
        form = forms.FlagForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.flag_create(
                entry=entry, note=form.cleaned_data["note"], actor=request.user
            ),
            render=lambda status: self._render(request, form, entry, status),
            success_url=lambda flag: _entry_url(entry),
            success_message=_("Thank you. %(org)s has been asked to correct it.")
            % {"org": entry.owner.name},
        )


class FlagResolveView(PermissionRequiredMixin, View):
    permission_required = "socialmap.change_entry"
    raise_exception = True

    def get_permission_object(self):
        if not hasattr(self, "_flag"):
            self._flag = get_object_or_404(Flag, pk=self.kwargs["pk"])
        return self._flag

    def post(self, request, pk):
        flag = self.get_permission_object()
        form = forms.ResolveForm(request.POST)
        if not form.is_valid():
            return HttpResponse(status=400)
        try:
            services.flag_resolve(
                flag=flag, resolution=form.cleaned_data["resolution"], actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The report has been handled."))
        return redirect("socialmap:freshness")


class FreshnessView(PermissionRequiredMixin, View):
    permission_required = "socialmap.view_freshness"
    raise_exception = True

    def get(self, request):
        owner_ids = selectors.curated_owner_ids(request.user)
        mine = owner_ids is None or bool(owner_ids)
        today = timezone.localdate()
        context = {
            "overview": selectors.freshness_overview(today=today),
            "mine": mine,
            "due": selectors.due_entries(today=today, owner_ids=owner_ids) if mine else [],
            "vacant": selectors.vacant_roles(today=today, owner_ids=owner_ids) if mine else [],
            "flags": selectors.open_flags(owner_ids=owner_ids) if mine else [],
            "today": today,
            "resolve_form": forms.ResolveForm(),
        }
        for entry in context["due"]:
            entry.state = selectors.state_of(entry, today)
            entry.url = _entry_url(entry)
        for flag in context["flags"]:
            flag.url = _entry_url(flag.entry) if flag.entry else ""
        return render(request, "socialmap/freshness.html", context)


class LinksView(PermissionRequiredMixin, View):
    """Who works with whom, on which theme, at which level and how often."""

    permission_required = "socialmap.view"
    raise_exception = True

    def get(self, request):
        organisation = None
        theme = None
        if request.GET.get("organisatie"):
            organisation = Organisation.objects.filter(code=request.GET["organisatie"]).first()
        if request.GET.get("thema"):
            theme = Theme.objects.filter(code=request.GET["thema"]).first()
        context = {
            "links": selectors.links(organisation=organisation, theme=theme),
            "organisation": organisation,
            "theme": theme,
            "organisations": Organisation.objects.filter(active=True).order_by("name"),
            "themes": Theme.objects.filter(active=True).order_by("order"),
        }
        return render(request, "socialmap/links.html", context)


class ImportView(PermissionRequiredMixin, View):
    """The chain director loads a regional directory (HSDS 3.0 JSON), all or nothing."""

    permission_required = "socialmap.import"
    raise_exception = True

    def _render(self, request, form, report=None, status=200):
        context = {"form": form, "report": report}
        return render(request, "socialmap/import.html", context, status=status)

    def get(self, request):
        return self._render(request, forms.ImportForm())

    def post(self, request):
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            report = importing.import_hsds(upload.read(), file_name=upload.name, actor=request.user)
        except importing.Rejected as exc:
            return self._render(request, forms.ImportForm(), exc.report, status=400)
        return self._render(request, forms.ImportForm(), report)
