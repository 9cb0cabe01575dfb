"""Pages for chains, change notices, the party inbox and in-app notifications."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.chains import forms, selectors, services, workflow
from wijkregie.chains.models import AffectedParty, Chain, ChangeNotice, ConsultationResponse
from wijkregie.common.saving import form_page, save_form

CONFLICTS = (workflow.IllegalTransition,)


class RuleView(PermissionRequiredMixin, View):
    raise_exception = True


# --- chains -------------------------------------------------------------------------------------
class ChainListView(RuleView):
    permission_required = "chains.view_chain"

    def get(self, request):
        return render(
            request,
            "chains/chain_list.html",
            {
                "chains": selectors.chain_list(user=request.user),
                "can_add": request.user.has_perm("chains.add_chain"),
            },
        )


class ChainDetailView(RuleView):
    permission_required = "chains.view_chain"

    def get(self, request, pk: int):
        chain = get_object_or_404(
            selectors.chain_list(user=request.user, include_inactive=True), pk=pk
        )
        notices = (
            selectors.notice_list(user=request.user, chain=chain)
            if request.user.has_perm("chains.view_notice", chain)
            else []
        )
        return render(
            request,
            "chains/chain_detail.html",
            {
                "chain": chain,
                "parties": selectors.chain_parties(chain),
                "notices": notices,
                "can_change": request.user.has_perm("chains.change_chain", chain),
                "can_add_notice": request.user.has_perm("chains.manage_notice", chain),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
            },
        )


class ChainEditView(RuleView):
    """Create (no pk; contract manager) or edit (pk; contract manager or its director)."""

    def get_permission_required(self):
        return ["chains.change_chain" if "pk" in self.kwargs else "chains.add_chain"]

    def get_permission_object(self):
        return get_object_or_404(Chain, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def _page(self, request, form, chain, status=200):
        title = _("Edit %(name)s") % {"name": chain.name} if chain else _("New chain")
        cancel = (
            reverse("chains:chain_detail", args=[chain.pk])
            if chain
            else reverse("chains:chain_list")
        )
        return form_page(request, form, title, cancel, status)

    def get(self, request, pk: int | None = None):
        chain = self.get_permission_object()
        initial = {}
        if chain:
            initial = {
                "name": chain.name,
                "description": chain.description,
                "themes": list(chain.themes.all()),
                "director": chain.director,
                "version": chain.version,
            }
        return self._page(request, forms.ChainForm(initial=initial), chain)

    def post(self, request, pk: int | None = None):
        chain = self.get_permission_object()
        form = forms.ChainForm(request.POST)

        def write():
            data = form.cleaned_data
            if chain is None:
                return services.chain_create(
                    name=data["name"],
                    description=data["description"],
                    director=data["director"],
                    themes=data["themes"],
                )
            return services.chain_update(
                chain=chain,
                expected_version=data.get("version") or 0,
                data={
                    "name": data["name"],
                    "description": data["description"],
                    "director": data["director"],
                },
                themes=data["themes"],
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._page(request, form, chain, status),
            success_url=lambda saved: reverse("chains:chain_detail", args=[saved.pk]),
            success_message=_("Saved."),
        )


class PartyEditView(RuleView):
    permission_required = "chains.change_chain"

    def get_permission_object(self):
        return get_object_or_404(Chain, pk=self.kwargs["pk"])

    def _page(self, request, chain, form, status=200):
        return render(
            request,
            "chains/party_edit.html",
            {
                "chain": chain,
                "form": form,
                "parties": selectors.chain_parties(chain),
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self._page(request, self.get_permission_object(), forms.PartyForm())

    def post(self, request, pk: int):
        chain = self.get_permission_object()
        form = forms.PartyForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.party_set(chain=chain, **form.cleaned_data),
            render=lambda status: self._page(request, chain, form, status),
            success_url=lambda saved: reverse("chains:party_edit", args=[chain.pk]),
            success_message=_("Saved."),
        )


# --- change notices -----------------------------------------------------------------------------
class NoticeOverviewView(RuleView):
    permission_required = "chains.view_notices"

    def get(self, request):
        return render(
            request,
            "chains/notice_overview.html",
            {
                "overview": selectors.overview(user=request.user),
                "can_add": request.user.has_perm("chains.add_notice"),
            },
        )


class NoticeMixin:
    def notice(self) -> ChangeNotice:
        if not hasattr(self, "_notice"):
            self._notice = get_object_or_404(
                ChangeNotice.objects.select_related("chain"), pk=self.kwargs["pk"]
            )
        return self._notice

    def get_permission_object(self):
        return self.notice()

    def back(self) -> str:
        return reverse("chains:notice_detail", args=[self.notice().pk])


class NoticeDetailView(NoticeMixin, RuleView):
    permission_required = "chains.view_notice"

    def get(self, request, pk: int):
        notice = self.notice()
        parties = notice.affected_parties.select_related(
            "organisation", "removed_by"
        ).prefetch_related("responses__responded_by", "acknowledgements")
        return render(
            request,
            "chains/notice_detail.html",
            {
                "notice": notice,
                "summary": selectors.summarise(notice),
                "parties": parties,
                "events": notice.events.select_related("actor"),
                "can_manage": request.user.has_perm("chains.manage_notice", notice),
                "show_names": request.user.has_perm("accounts.view_personal_names"),
                "State": ChangeNotice.State,
            },
        )


class NoticeEditView(RuleView):
    """Create a draft (``?keten=<id>``) or edit one."""

    def get_permission_required(self):
        return ["chains.manage_notice" if "pk" in self.kwargs else "chains.add_notice"]

    def get_permission_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(ChangeNotice, pk=self.kwargs["pk"])
        return None

    def _chain(self, request) -> Chain:
        pk = request.GET.get("keten") or request.POST.get("keten")
        chain = get_object_or_404(Chain, pk=int(pk)) if pk and str(pk).isdigit() else None
        if chain is None or not request.user.has_perm("chains.manage_notice", chain):
            raise PermissionDenied
        return chain

    def _page(self, request, form, notice, chain, status=200):
        title = (
            _("Edit %(name)s") % {"name": notice.title}
            if notice
            else _("New change notice for %(chain)s") % {"chain": chain.name}
        )
        cancel = (
            reverse("chains:notice_detail", args=[notice.pk])
            if notice
            else reverse("chains:chain_detail", args=[chain.pk])
        )
        return form_page(
            request,
            form,
            title,
            cancel,
            status,
            intro=_(
                "Affected parties are suggested from the chain and from what "
                "the notice concerns; you can change them afterwards."
            ),
        )

    def get(self, request, pk: int | None = None):
        notice = self.get_permission_object()
        chain = notice.chain if notice else self._chain(request)
        initial = {}
        if notice:
            initial = {f: getattr(notice, f) for f in services.NOTICE_FIELDS}
            initial.update(
                requirements=list(notice.requirements.all()),
                assignments=list(notice.assignments.all()),
                agreements=list(notice.agreements.all()),
                version=notice.version,
            )
        return self._page(request, forms.NoticeForm(initial=initial), notice, chain)

    def post(self, request, pk: int | None = None):
        notice = self.get_permission_object()
        chain = notice.chain if notice else self._chain(request)
        form = forms.NoticeForm(request.POST)

        def write():
            data = dict(form.cleaned_data)
            links = {k: data.pop(k) for k in ("requirements", "assignments", "agreements")}
            version = data.pop("version")
            if notice is None:
                return services.notice_create(chain=chain, data=data, actor=request.user, **links)
            saved = services.notice_update(
                notice=notice, expected_version=version or 0, data=data, actor=request.user
            )
            saved.requirements.set(links["requirements"])
            saved.assignments.set(links["assignments"])
            saved.agreements.set(links["agreements"])
            return saved

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._page(request, form, notice, chain, status),
            success_url=lambda saved: reverse("chains:notice_detail", args=[saved.pk]),
            success_message=_("Saved."),
            conflicts=CONFLICTS,
        )


class NoticePartiesView(NoticeMixin, RuleView):
    permission_required = "chains.manage_notice"

    def _page(self, request, add_form, remove_form=None, status=200):
        notice = self.notice()
        return render(
            request,
            "chains/notice_parties.html",
            {
                "notice": notice,
                "parties": notice.affected_parties.select_related("organisation", "removed_by"),
                "add_form": add_form,
                "remove_form": remove_form or forms.RemovePartyForm(),
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self._page(request, forms.AddPartyForm())

    def post(self, request, pk: int):
        notice = self.notice()
        if request.POST.get("action") == "remove":
            party = get_object_or_404(AffectedParty, pk=request.POST.get("party"), notice=notice)
            form = forms.RemovePartyForm(request.POST)
            return save_form(
                request,
                form,
                lambda: services.party_remove(
                    party=party, reason=form.cleaned_data["reason"], actor=request.user
                ),
                render=lambda status: self._page(request, forms.AddPartyForm(), form, status),
                success_url=lambda saved: reverse("chains:notice_parties", args=[notice.pk]),
                success_message=_("The party is no longer addressed; the reason is recorded."),
                conflicts=CONFLICTS,
            )
        form = forms.AddPartyForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.party_add(notice=notice, actor=request.user, **form.cleaned_data),
            render=lambda status: self._page(request, form, status=status),
            success_url=lambda saved: reverse("chains:notice_parties", args=[notice.pk]),
            success_message=_("Saved."),
            conflicts=CONFLICTS,
        )


class NoticeStepView(NoticeMixin, RuleView):
    """One lifecycle step: a form, a service call, back to the notice."""

    permission_required = "chains.manage_notice"
    form_class: type
    title: str
    message: str

    def initial(self) -> dict:
        return {"version": self.notice().version}

    def write(self, form):
        raise NotImplementedError

    def _page(self, request, form, status=200):
        notice = self.notice()
        return render(
            request,
            "chains/notice_step.html",
            {
                "form": form,
                "notice": notice,
                "title": self.title,
                "cancel_url": self.back(),
                "open_concerns": selectors.responses_needing_answer(notice),
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self._page(request, self.form_class(initial=self.initial()))

    def post(self, request, pk: int):
        form = self.form_class(request.POST)
        return save_form(
            request,
            form,
            lambda: self.write(form),
            render=lambda status: self._page(request, form, status),
            success_url=lambda saved: self.back(),
            success_message=self.message,
            conflicts=CONFLICTS,
        )


class NoticeConsultView(NoticeStepView):
    form_class = forms.ConsultationForm
    title = _("Start consultation")
    message = _("Consultation started; the addressed parties have been notified.")

    def write(self, form):
        return services.notice_start_consultation(
            notice=self.notice(),
            expected_version=form.cleaned_data["version"],
            deadline=form.cleaned_data["deadline"],
            actor=self.request.user,
        )


class NoticeDecideView(NoticeStepView):
    form_class = forms.DecideForm
    title = _("Record the decision")
    message = _("The decision has been recorded.")

    def initial(self):
        return {**super().initial(), "decided_on": timezone.localdate()}

    def write(self, form):
        data = form.cleaned_data
        return services.notice_decide(
            notice=self.notice(),
            expected_version=data["version"],
            decision=data["decision"],
            decided_on=data["decided_on"],
            decided_by_body=data["decided_by_body"],
            skip_reason=data["skip_reason"],
            actor=self.request.user,
        )


class NoticePublishView(NoticeStepView):
    form_class = forms.PublishForm
    title = _("Publish to the affected parties")
    message = _("Published; every addressed party has been notified.")

    def write(self, form):
        return services.notice_publish(
            notice=self.notice(),
            expected_version=form.cleaned_data["version"],
            summary=form.cleaned_data["summary"],
            actor=self.request.user,
        )


class ResponseAnswerView(RuleView):
    permission_required = "chains.manage_notice"

    def response(self) -> ConsultationResponse:
        return get_object_or_404(
            ConsultationResponse.objects.select_related("party__notice"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.response().party.notice

    def _page(self, request, response, form, status=200):
        return render(
            request,
            "chains/response_answer.html",
            {
                "response": response,
                "form": form,
                "cancel_url": reverse("chains:notice_detail", args=[response.party.notice_id]),
            },
            status=status,
        )

    def get(self, request, pk: int):
        response = self.response()
        return self._page(request, response, forms.AnswerForm(initial={"answer": response.answer}))

    def post(self, request, pk: int):
        response = self.response()
        form = forms.AnswerForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.response_answer(
                response=response, answer=form.cleaned_data["answer"], actor=request.user
            ),
            render=lambda status: self._page(request, response, form, status),
            success_url=lambda saved: reverse(
                "chains:notice_detail", args=[response.party.notice_id]
            ),
            success_message=_("Your answer has been recorded."),
            conflicts=CONFLICTS,
        )


# --- the party inbox ----------------------------------------------------------------------------
class InboxView(RuleView):
    permission_required = "chains.use_inbox"

    def get(self, request):
        parties = list(selectors.inbox(user=request.user))
        open_items = [p for p in parties if any(selectors.open_for(p).values())]
        return render(
            request,
            "chains/inbox.html",
            {
                "open_items": open_items,
                "timeline": parties,
            },
        )


class InboxDetailView(RuleView):
    permission_required = "chains.view_party_notice"

    def party(self) -> AffectedParty:
        party = get_object_or_404(
            AffectedParty.objects.select_related("notice", "notice__chain", "organisation"),
            pk=self.kwargs["pk"],
            included=True,
        )
        if party.notice.state == ChangeNotice.State.DRAFT:
            raise PermissionDenied
        return party

    def get_permission_object(self):
        return self.party()

    def _page(self, request, party, response_form=None, acknowledge_form=None, status=200):
        can_speak = request.user.has_perm("chains.respond_for_party", party)
        return render(
            request,
            "chains/inbox_detail.html",
            {
                "party": party,
                "notice": party.notice,
                **selectors.open_for(party),
                "can_speak": can_speak,
                "responses": party.responses.select_related("responded_by"),
                "acknowledgement": party.acknowledgement,
                "response_form": response_form or forms.ResponseForm(),
                "acknowledge_form": acknowledge_form
                or forms.AcknowledgeForm(initial={"name": request.user.get_display_name()}),
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self._page(request, self.party())

    def post(self, request, pk: int):
        party = self.party()
        if not request.user.has_perm("chains.respond_for_party", party):
            raise PermissionDenied
        back = reverse("chains:inbox_detail", args=[party.pk])
        if request.POST.get("action") == "acknowledge":
            form = forms.AcknowledgeForm(request.POST)
            return save_form(
                request,
                form,
                lambda: services.acknowledge(
                    party=party, name=form.cleaned_data["name"], actor=request.user
                ),
                render=lambda status: self._page(
                    request, party, acknowledge_form=form, status=status
                ),
                success_url=lambda saved: back,
                success_message=_("Thank you: your organisation's acknowledgement is recorded."),
                conflicts=CONFLICTS,
            )
        form = forms.ResponseForm(request.POST)
        return save_form(
            request,
            form,
            lambda: services.response_submit(party=party, actor=request.user, **form.cleaned_data),
            render=lambda status: self._page(request, party, response_form=form, status=status),
            success_url=lambda saved: back,
            success_message=_("Your response has been sent to the chain director."),
            conflicts=CONFLICTS,
        )


class NotificationListView(RuleView):
    permission_required = "chains.use_inbox"

    def get(self, request):
        return render(
            request,
            "chains/notifications.html",
            {
                "notifications": selectors.notifications(user=request.user)[:100],
            },
        )

    def post(self, request):
        ids = [int(i) for i in request.POST.getlist("notification") if i.isdigit()]
        if not ids:
            ids = list(selectors.notifications(user=request.user).values_list("pk", flat=True))
        services.notification_mark_read(user=request.user, notification_ids=ids)
        return redirect("chains:notifications")
