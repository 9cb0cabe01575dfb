"""Pages for bodies, meetings (agenda, minutes, decisions, agreements), the result
conversation dossier and its exports, the decisions register, the development agenda and the
role agreements."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.saving import form_page, save_form
from wijkregie.conversations import exports, forms, selectors, services, workflow
from wijkregie.conversations.models import (
    AgendaItem,
    Agreement,
    Body,
    Decision,
    Meeting,
    RoleAgreement,
    Topic,
)
from wijkregie.conversations.realisation import NOT_REALISED, PARTLY, REALISED, UNKNOWN

REALISATION_LABELS = {
    REALISED: gettext_lazy("realised"),
    PARTLY: gettext_lazy("partly realised"),
    NOT_REALISED: gettext_lazy("not realised"),
    UNKNOWN: gettext_lazy("not known yet"),
}


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


def _save(request, form, write, page, success_url):
    return save_form(
        request,
        form,
        write,
        render=page,
        success_url=success_url,
        success_message=_("Saved."),
    )


def _changeable(user, agreements) -> set[int]:
    """The agreements whose status this user may change (links only where they lead)."""
    return {a.pk for a in agreements if user.has_perm("conversations.change_agreement", a)}


def _meeting_url(meeting) -> str:
    return reverse("conversations:meeting_detail", args=[meeting.pk])


# --- bodies ---------------------------------------------------------------------------------
class BodyListView(RuleView):
    permission_required = "conversations.view_bodies"

    def get(self, request):
        return render(
            request,
            "conversations/body_list.html",
            {
                "bodies": selectors.body_list(request.user).prefetch_related("meetings"),
                "can_manage": request.user.has_perm("conversations.manage_meetings"),
            },
        )


class BodyDetailView(RuleView):
    permission_required = "conversations.view_meeting"

    def get_permission_object(self):
        return get_object_or_404(Body, pk=self.kwargs["pk"])

    def get(self, request, pk: int):
        body = self.get_permission_object()
        today = timezone.localdate()
        open_agreements = list(selectors.open_agreements(body, before=today))
        return render(
            request,
            "conversations/body_detail.html",
            {
                "body": body,
                "meetings": selectors.meetings_of(body),
                "open_agreements": open_agreements,
                "changeable": _changeable(request.user, open_agreements),
                "today": today,
                "can_manage": request.user.has_perm("conversations.manage_meetings"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class BodyEditView(RuleView):
    permission_required = "conversations.manage_meetings"

    def body(self) -> Body | None:
        return get_object_or_404(Body, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def _page(self, request, form, body, status=200):
        title = _("Edit %(name)s") % {"name": body.name} if body else _("New body")
        cancel = (
            reverse("conversations:body_detail", args=[body.pk])
            if body
            else reverse("conversations:bodies")
        )
        return form_page(request, form, title, cancel, status)

    def get(self, request, pk: int | None = None):
        body = self.body()
        initial = {"active": True}
        if body:
            initial = {name: getattr(body, name) for name in services.BODY_FIELDS}
            initial.update(
                organisations=list(body.organisations.all()),
                members=list(body.members.all()),
                version=body.version,
            )
        return self._page(request, forms.BodyForm(initial=initial), body)

    def post(self, request, pk: int | None = None):
        body = self.body()
        form = forms.BodyForm(request.POST)

        def write():
            data = form.cleaned_data
            target = body or Body()
            for name in services.BODY_FIELDS:
                setattr(target, name, data[name])
            return services.body_save(
                target,
                user=request.user,
                organisations=data["organisations"],
                members=data["members"],
                expected_version=data.get("version") or (0 if body else None),
            )

        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, body, status),
            lambda saved: reverse("conversations:body_detail", args=[saved.pk]),
        )


# --- meetings -------------------------------------------------------------------------------
class MeetingDetailView(RuleView):
    permission_required = "conversations.view_meeting"

    def get_permission_object(self):
        return get_object_or_404(Meeting.objects.select_related("body"), pk=self.kwargs["pk"])

    def get(self, request, pk: int):
        meeting = self.get_permission_object()
        dossier = exports.dossier(meeting)
        return render(
            request,
            "conversations/meeting_detail.html",
            {
                "meeting": meeting,
                **dossier,
                "changeable": _changeable(
                    request.user,
                    dossier["agreements"] + [i.agreement for i in dossier["agenda"] if i.agreement],
                ),
                "can_manage": request.user.has_perm("conversations.manage_meetings"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class MeetingEditView(RuleView):
    """Create a meeting of a body (``body`` in the URL) or edit one (``pk``)."""

    permission_required = "conversations.manage_meetings"

    def meeting(self) -> Meeting | None:
        return get_object_or_404(Meeting, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def body(self) -> Body:
        meeting = self.meeting()
        return meeting.body if meeting else get_object_or_404(Body, pk=self.kwargs["body"])

    def _page(self, request, form, meeting, status=200):
        body = self.body()
        title = (
            _("Edit meeting of %(date)s") % {"date": meeting.date.strftime("%d-%m-%Y")}
            if meeting
            else _("New meeting of %(body)s") % {"body": body.name}
        )
        intro = (
            ""
            if meeting
            else _(
                "Open agreements of earlier meetings are put on the agenda. For a result "
                "conversation the agenda is proposed from the data of the half-year."
            )
        )
        cancel = (
            _meeting_url(meeting)
            if meeting
            else reverse("conversations:body_detail", args=[body.pk])
        )
        return form_page(request, form, title, cancel, status, intro)

    def get(self, request, **kwargs):
        meeting = self.meeting()
        initial = {"date": timezone.localdate()}
        if meeting:
            initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
            initial.update(attendees=list(meeting.attendees.all()), version=meeting.version)
        return self._page(request, forms.MeetingForm(initial=initial), meeting)

    def post(self, request, **kwargs):
        meeting = self.meeting()
        form = forms.MeetingForm(request.POST)

        def write():
            data = form.cleaned_data
            target = meeting or Meeting(body=self.body())
            for name in services.MEETING_FIELDS:
                setattr(target, name, data[name])
            return services.meeting_save(
                target,
                user=request.user,
                attendees=data["attendees"],
                expected_version=data.get("version") or (0 if meeting else None),
                today=timezone.localdate(),
            )

        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, meeting, status),
            _meeting_url,
        )


class ProposeAgendaView(RuleView):
    permission_required = "conversations.manage_meetings"

    def post(self, request, pk: int):
        meeting = get_object_or_404(Meeting, pk=pk)
        added = services.propose_agenda(meeting, user=request.user, today=timezone.localdate())
        messages.success(request, _("%(count)d item(s) added to the agenda.") % {"count": added})
        return redirect(_meeting_url(meeting))


class MeetingPartView(RuleView):
    """Create or edit one part of a meeting (agenda item, decision)."""

    permission_required = "conversations.manage_meetings"
    model: type
    key: str
    titles: tuple

    def meeting(self) -> Meeting:
        return get_object_or_404(Meeting, pk=self.kwargs["pk"])

    def item(self):
        if self.key not in self.kwargs:
            return None
        return get_object_or_404(self.model, pk=self.kwargs[self.key], meeting=self.meeting())

    def _page(self, request, form, item, status=200):
        title = str(self.titles[item is not None])
        return form_page(request, form, title, _meeting_url(self.meeting()), status)

    def save(self, request, form, item, write):
        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, item, status),
            lambda saved: _meeting_url(self.meeting()),
        )


class AgendaItemEditView(MeetingPartView):
    model, key = AgendaItem, "item"
    titles = (gettext_lazy("New agenda item"), gettext_lazy("Edit agenda item"))

    def get(self, request, **kwargs):
        item = self.item()
        initial = {}
        if item:
            initial = {
                "title": item.title,
                "notes": item.notes,
                "survey_tip": item.survey_tip_id,
                "order": item.order,
                "version": item.version,
            }
        form = forms.AgendaItemForm(initial=initial, current_tip=item and item.survey_tip)
        return self._page(request, form, item)

    def post(self, request, **kwargs):
        item = self.item()
        form = forms.AgendaItemForm(request.POST, current_tip=item and item.survey_tip)

        def write():
            data = form.cleaned_data
            target = item or AgendaItem(meeting=self.meeting())
            target.title, target.notes = data["title"], data["notes"]
            target.survey_tip = data["survey_tip"]
            if target.survey_tip is not None:
                target.source = AgendaItem.Source.SURVEY_TIP
            if data["order"] is not None:
                target.order = data["order"]
            return services.agenda_item_save(
                target,
                user=request.user,
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


class AgendaItemDeleteView(MeetingPartView):
    model, key = AgendaItem, "item"

    def get(self, request, **kwargs):
        item = self.item()
        intro = _("Remove “%(title)s” from the agenda?") % {"title": item.title}
        form = forms.Form()
        return form_page(
            request, form, _("Remove agenda item"), _meeting_url(item.meeting), intro=intro
        )

    def post(self, request, **kwargs):
        item = self.item()
        services.agenda_item_delete(item, user=request.user)
        messages.success(request, _("Removed from the agenda."))
        return redirect(_meeting_url(self.meeting()))


class DecisionEditView(MeetingPartView):
    model, key = Decision, "decision"
    titles = (gettext_lazy("New decision"), gettext_lazy("Edit decision"))

    def get(self, request, **kwargs):
        item = self.item()
        initial = {}
        if item:
            initial = {
                "text": item.text,
                "rationale": item.rationale,
                "affected": list(item.affected.all()),
                "version": item.version,
            }
        return self._page(request, forms.DecisionForm(initial=initial), item)

    def post(self, request, **kwargs):
        item = self.item()
        form = forms.DecisionForm(request.POST)

        def write():
            data = form.cleaned_data
            target = item or Decision(meeting=self.meeting())
            target.text, target.rationale = data["text"], data["rationale"]
            return services.decision_save(
                target,
                user=request.user,
                affected=data["affected"],
                expected_version=data.get("version") or (0 if item else None),
            )

        return self.save(request, form, item, write)


class AgreementCreateView(MeetingPartView):
    model, key = Agreement, "agreement"
    titles = (gettext_lazy("New agreement"), gettext_lazy("Edit agreement"))

    def get(self, request, **kwargs):
        initial = {"decision": request.GET.get("besluit")}
        form = forms.AgreementForm(initial=initial, meeting=self.meeting())
        return self._page(request, form, None)

    def post(self, request, **kwargs):
        form = forms.AgreementForm(request.POST, meeting=self.meeting())

        def write():
            data = form.cleaned_data
            return services.agreement_create(
                Agreement(
                    meeting=self.meeting(),
                    decision=data["decision"],
                    what=data["what"],
                    owner=data["owner"],
                    owner_organisation=data["owner_organisation"],
                    due_date=data["due_date"],
                ),
                user=request.user,
            )

        return self.save(request, form, None, write)


class AgreementStatusView(RuleView):
    permission_required = "conversations.change_agreement"

    def get_permission_object(self):
        return get_object_or_404(
            Agreement.objects.select_related("meeting__body"), pk=self.kwargs["pk"]
        )

    def _page(self, request, form, agreement, status=200):
        return render(
            request,
            "conversations/agreement_status.html",
            {
                "form": form,
                "agreement": agreement,
                "events": agreement.events.select_related("actor"),
                "labels": dict(Agreement.Status.choices),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
                "can_view_meeting": request.user.has_perm(
                    "conversations.view_meeting", agreement.meeting
                ),
            },
            status=status,
        )

    def get(self, request, pk: int):
        agreement = self.get_permission_object()
        form = forms.AgreementStatusForm(
            initial={"status": agreement.status, "version": agreement.version},
            choices=workflow.AGREEMENT.choices(agreement.status),
        )
        return self._page(request, form, agreement)

    def post(self, request, pk: int):
        agreement = self.get_permission_object()
        form = forms.AgreementStatusForm(
            request.POST, choices=workflow.AGREEMENT.choices(agreement.status)
        )

        def write():
            data = form.cleaned_data
            return services.agreement_set_status(
                agreement,
                status=data["status"],
                note=data["note"],
                user=request.user,
                expected_version=data["version"],
            )

        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, agreement, status),
            lambda saved: reverse("conversations:agreement_status", args=[saved.pk]),
        )


# --- exports ---------------------------------------------------------------------------------
class DossierExportView(RuleView):
    permission_required = "conversations.view_meeting"
    fmt = "pdf"

    def get_permission_object(self):
        return get_object_or_404(Meeting.objects.select_related("body"), pk=self.kwargs["pk"])

    def get(self, request, pk: int):
        meeting = self.get_permission_object()
        show_names = request.user.has_perm("accounts.view_personal_names")
        if self.fmt == "pdf":
            content = exports.dossier_pdf(meeting, show_names=show_names)
            kind = "application/pdf"
        else:
            content = exports.dossier_docx(meeting, show_names=show_names)
            kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(content, content_type=kind)
        name = exports.file_name(meeting, self.fmt)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- the decisions register ----------------------------------------------------------------------
class RegisterView(RuleView):
    permission_required = "conversations.view_register"

    def get(self, request):
        form = forms.SearchForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        body = data.get("body")
        entries = selectors.register(
            request.user,
            query=data.get("q") or "",
            body=body.pk if body else None,
            year=data.get("year"),
            today=timezone.localdate(),
        )
        counts = {key: 0 for key in REALISATION_LABELS}
        for entry in entries:
            counts[entry.status] += 1
        return render(
            request,
            "conversations/register.html",
            {
                "form": form,
                "entries": entries,
                "labels": REALISATION_LABELS,
                "counts": [(REALISATION_LABELS[k], v) for k, v in counts.items()],
                "changeable": _changeable(
                    request.user, [a for entry in entries for a in entry.agreements]
                ),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
                "today": timezone.localdate(),
            },
        )


# --- development agenda and role agreements -------------------------------------------------
class TopicListView(RuleView):
    permission_required = "conversations.view_topics"

    def get(self, request):
        topics = Topic.objects.select_related("owner", "owner_organisation").prefetch_related(
            "decisions__meeting__body", "agreements"
        )
        years: dict[int, list[Topic]] = {}
        for topic in topics:
            years.setdefault(topic.year, []).append(topic)
        return render(
            request,
            "conversations/topics.html",
            {
                "years": sorted(years.items(), reverse=True),
                "can_change": request.user.has_perm("conversations.change_topics"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


def _status(topic: Topic | None) -> str | None:
    return topic.status if topic else None


class TopicEditView(RuleView):
    permission_required = "conversations.change_topics"

    def topic(self) -> Topic | None:
        return get_object_or_404(Topic, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def _page(self, request, form, topic, status=200):
        title = _("Edit topic") if topic else _("New topic")
        return form_page(request, form, title, reverse("conversations:topics"), status)

    def get(self, request, pk: int | None = None):
        topic = self.topic()
        initial = {"year": timezone.localdate().year}
        if topic:
            initial = {name: getattr(topic, name) for name in services.TOPIC_FIELDS}
            initial.update(
                status=topic.status,
                decisions=list(topic.decisions.all()),
                agreements=list(topic.agreements.all()),
                version=topic.version,
            )
        return self._page(
            request,
            forms.TopicForm(initial=initial, choices=workflow.TOPIC.choices(_status(topic))),
            topic,
        )

    def post(self, request, pk: int | None = None):
        topic = self.topic()
        form = forms.TopicForm(request.POST, choices=workflow.TOPIC.choices(_status(topic)))

        def write():
            data = form.cleaned_data
            target = topic or Topic()
            for name in services.TOPIC_FIELDS:
                setattr(target, name, data[name])
            target.status = data["status"]
            return services.topic_save(
                target,
                user=request.user,
                decisions=data["decisions"],
                agreements=data["agreements"],
                expected_version=data.get("version") or (0 if topic else None),
            )

        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, topic, status),
            lambda saved: reverse("conversations:topics"),
        )


class RoleAgreementListView(RuleView):
    permission_required = "conversations.view_role_agreements"

    def get(self, request):
        today = timezone.localdate()
        return render(
            request,
            "conversations/roles.html",
            {
                "roles": RoleAgreement.objects.select_related(
                    "holder", "decision__meeting__body"
                ).prefetch_related("organisations"),
                "today": today,
                "can_change": request.user.has_perm("conversations.change_role_agreements"),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class RoleAgreementEditView(RuleView):
    permission_required = "conversations.change_role_agreements"

    def role(self) -> RoleAgreement | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(RoleAgreement, pk=self.kwargs["pk"])

    def _page(self, request, form, role, status=200):
        title = _("Edit role agreement") if role else _("New role agreement")
        return form_page(request, form, title, reverse("conversations:roles"), status)

    def get(self, request, pk: int | None = None):
        role = self.role()
        initial = {}
        if role:
            initial = {name: getattr(role, name) for name in services.ROLE_FIELDS}
            initial.update(organisations=list(role.organisations.all()), version=role.version)
        return self._page(request, forms.RoleAgreementForm(initial=initial), role)

    def post(self, request, pk: int | None = None):
        role = self.role()
        form = forms.RoleAgreementForm(request.POST)

        def write():
            data = form.cleaned_data
            target = role or RoleAgreement()
            for name in services.ROLE_FIELDS:
                setattr(target, name, data[name])
            return services.role_agreement_save(
                target,
                user=request.user,
                organisations=data["organisations"],
                expected_version=data.get("version") or (0 if role else None),
            )

        return _save(
            request,
            form,
            write,
            lambda status: self._page(request, form, role, status),
            lambda saved: reverse("conversations:roles"),
        )
