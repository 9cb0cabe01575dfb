"""Pages for organisations, areas (wijken) and themes: list with search, detail, create, edit."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.saving import save_form
from wijkregie.organisations import forms, selectors, services
from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


class OrganisationListView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_organisation"
    raise_exception = True

    def get(self, request):
        form = forms.OrganisationSearchForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        organisations = selectors.organisation_list(
            user=request.user, query=filters.get("q"), kind=filters.get("kind") or None
        )
        context = {
            "form": form,
            "page": _page(request, organisations),
            "can_add": request.user.has_perm("organisations.add_organisation"),
        }
        return render(request, "organisations/organisation_list.html", context)


class OrganisationDetailView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_organisation"
    raise_exception = True

    def get(self, request, pk: int):
        try:
            organisation = selectors.organisation_get(user=request.user, pk=pk)
        except Organisation.DoesNotExist as exc:
            raise Http404 from exc
        context = {
            "organisation": organisation,
            "areas": selectors.area_list(user=request.user, organisation=organisation),
            "children": selectors.organisation_list(user=request.user).filter(parent=organisation),
            "can_change": request.user.has_perm("organisations.change_organisation", organisation),
            "contacts": selectors.contact_list(organisation=organisation),
            "show_names": request.user.has_perm("accounts.view_personal_names"),
            "can_change_contacts": request.user.has_perm(
                "organisations.change_contactperson", organisation
            ),
        }
        return render(request, "organisations/organisation_detail.html", context)


class _EditView(PermissionRequiredMixin, View):
    """Create (no pk) or edit (pk) one register item through its service."""

    raise_exception = True
    model: type
    template_name = "organisations/edit.html"
    list_url: str
    detail_url: str | None = None

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(self.model, pk=self.kwargs["pk"])
        return self._object

    def get_permission_object(self):
        return self.get_object()

    def get_permission_required(self):
        action = "change" if "pk" in self.kwargs else "add"
        return [f"organisations.{action}_{self.model._meta.model_name}"]

    def form_class(self, obj):
        raise NotImplementedError

    def save(self, form, obj):
        raise NotImplementedError

    def success_url(self, obj):
        from django.urls import reverse

        if self.detail_url:
            return reverse(self.detail_url, args=[obj.pk])
        return reverse(self.list_url)

    def _render(self, request, form, obj, status=200):
        context = {
            "form": form,
            "object": obj,
            "model_name": self.model._meta.verbose_name,
            "cancel_url": self.success_url(obj) if obj else None,
            "list_url": self.list_url,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        obj = self.get_object()
        return self._render(request, self.form_class(obj)(instance=obj), obj)

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.form_class(obj)(request.POST, instance=obj)
        return save_form(
            request,
            form,
            lambda: self.save(form, obj),
            render=lambda status: self._render(request, form, obj, status=status),
            success_url=self.success_url,
            success_message=_("Saved."),
        )


class OrganisationEditView(_EditView):
    model = Organisation
    list_url = "organisations:organisation_list"
    detail_url = "organisations:organisation_detail"

    def _self_service(self, obj) -> bool:
        return obj is not None and not self.request.user.has_perm("organisations.add_organisation")

    def form_class(self, obj):
        if self._self_service(obj):
            return forms.OrganisationSelfServiceForm
        return forms.OrganisationForm

    def save(self, form, obj):
        data = form.changed_data_dict()
        if obj is None:
            return services.organisation_create(data=data, request=self.request)
        return services.organisation_update(
            organisation=Organisation.objects.get(pk=obj.pk),
            expected_version=form.cleaned_data["version"],
            data=data,
            self_service=self._self_service(obj),
            request=self.request,
        )


class AreaListView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_area"
    raise_exception = True

    def get(self, request):
        form = forms.SearchForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        areas = selectors.area_list(user=request.user, query=filters.get("q"))
        context = {
            "form": form,
            "page": _page(request, areas),
            "can_add": request.user.has_perm("organisations.add_area"),
        }
        return render(request, "organisations/area_list.html", context)


class AreaDetailView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_area"
    raise_exception = True

    def get(self, request, pk: int):
        area = get_object_or_404(selectors.area_list(user=request.user), pk=pk)
        context = {
            "area": area,
            "can_change": request.user.has_perm("organisations.change_area", area),
        }
        return render(request, "organisations/area_detail.html", context)


class AreaEditView(_EditView):
    model = Area
    list_url = "organisations:area_list"
    detail_url = "organisations:area_detail"

    def form_class(self, obj):
        return forms.AreaForm

    def save(self, form, obj):
        data = form.changed_data_dict()
        if obj is None:
            return services.area_create(data=data, request=self.request)
        return services.area_update(
            area=Area.objects.get(pk=obj.pk),
            expected_version=form.cleaned_data["version"],
            data=data,
            request=self.request,
        )


class ThemeListView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_theme"
    raise_exception = True

    def get(self, request):
        form = forms.SearchForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        themes = selectors.theme_list(user=request.user, query=filters.get("q"))
        context = {
            "form": form,
            "page": _page(request, themes),
            "can_add": request.user.has_perm("organisations.add_theme"),
        }
        return render(request, "organisations/theme_list.html", context)


class ThemeDetailView(PermissionRequiredMixin, View):
    permission_required = "organisations.view_theme"
    raise_exception = True

    def get(self, request, pk: int):
        theme = get_object_or_404(selectors.theme_list(user=request.user), pk=pk)
        context = {
            "theme": theme,
            "can_change": request.user.has_perm("organisations.change_theme", theme),
        }
        return render(request, "organisations/theme_detail.html", context)


class ThemeEditView(_EditView):
    model = Theme
    list_url = "organisations:theme_list"
    detail_url = "organisations:theme_detail"

    def form_class(self, obj):
        return forms.ThemeForm

    def save(self, form, obj):
        data = form.changed_data_dict()
        if obj is None:
            return services.theme_create(data=data, request=self.request)
        return services.theme_update(
            theme=Theme.objects.get(pk=obj.pk),
            expected_version=form.cleaned_data["version"],
            data=data,
            request=self.request,
        )


class ContactEditView(PermissionRequiredMixin, View):
    """Add a contact person to an organisation (``organisation`` in the URL) or edit one."""

    permission_required = "organisations.change_contactperson"
    raise_exception = True

    def _objects(self):
        if "organisation" in self.kwargs:
            return get_object_or_404(Organisation, pk=self.kwargs["organisation"]), None
        contact = get_object_or_404(ContactPerson, pk=self.kwargs["pk"])
        return contact.organisation, contact

    def get_permission_object(self):
        return self._objects()[0]

    def _render(self, request, form, organisation, contact, status=200):
        return render(
            request,
            "organisations/edit.html",
            {
                "form": form,
                "object": contact,
                "model_name": ContactPerson._meta.verbose_name,
                "cancel_url": reverse("organisations:organisation_detail", args=[organisation.pk]),
            },
            status=status,
        )

    def get(self, request, **kwargs):
        organisation, contact = self._objects()
        return self._render(request, forms.ContactForm(instance=contact), organisation, contact)

    def post(self, request, **kwargs):
        organisation, contact = self._objects()
        form = forms.ContactForm(request.POST, instance=contact)

        def write():
            data = {field: form.cleaned_data[field] for field in services.CONTACT_FIELDS}
            if contact is None:
                return services.contact_create(
                    organisation=organisation, data=data, request=request
                )
            return services.contact_update(
                contact=ContactPerson.objects.get(pk=contact.pk),
                expected_version=form.cleaned_data["version"],
                data=data,
                request=request,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, organisation, contact, status),
            success_url=lambda saved: reverse(
                "organisations:organisation_detail", args=[organisation.pk]
            ),
            success_message=_("Saved."),
        )
