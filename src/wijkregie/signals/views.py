"""Pages of the signals app: reporting and "my signals" for everyone who works with the
commission; the queue and the policy issues for the chain directors and policy advisers;
aggregates for the council."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.common.saving import form_page, save_form
from wijkregie.signals import forms, selectors, services
from wijkregie.signals.models import Issue, Signal
from wijkregie.signals.workflow import SIGNAL, IllegalTransition


def _detail_url(signal: Signal) -> str:
    return reverse("signals:detail", args=[signal.pk])


def _issue_url(issue: Issue) -> str:
    return reverse("signals:issue", args=[issue.pk])


class MineView(PermissionRequiredMixin, View):
    """My signals: their status and the answers, newest first."""

    permission_required = "signals.add_signal"
    raise_exception = True

    def get(self, request):
        return render(
            request,
            "signals/mine.html",
            {
                "signals": selectors.mine(request.user),
                "unread": selectors.unread_notices(request.user).count(),
            },
        )


class ReportView(PermissionRequiredMixin, View):
    permission_required = "signals.add_signal"
    raise_exception = True

    def _render(self, request, form, status=200):
        return form_page(
            request,
            form,
            _("Report a signal"),
            reverse("signals:mine"),
            status=status,
            intro=_(
                "What stands in the way of your work or of residents: a rule, a gap in provision, "
                "a waiting list, a bottleneck between organisations. Three fields are needed; "
                "you will hear what is done with it."
            ),
        )

    def get(self, request):
        initial = {}
        tip = selectors.survey_tip(request.GET.get("tip"))
        if tip is not None:  # a tip from the collaboration survey, taken up as a signal
            initial = {
                "title": _("Tip from the collaboration survey %(wave)s")
                % {"wave": tip.answer.response.wave.code},
                "description": tip.quote,
                "survey_tip": tip.pk,
            }
        return self._render(request, forms.SignalForm(initial=initial))

    def post(self, request):
        form = forms.SignalForm(request.POST)

        def write():
            data = form.cleaned_data
            return services.signal_report(
                user=request.user,
                title=data["title"],
                description=data["description"],
                theme=data["theme"],
                area=data["area"],
                chain=data["chain"],
                category=data["category"] or Signal.Category.OTHER,
                frequency=data["frequency"],
                example=data["example"],
                survey_tip=data["survey_tip"],
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, status),
            success_url=_detail_url,
            success_message=_("Thank you. Your signal is received; you will hear what is done."),
        )


class DetailView(PermissionRequiredMixin, View):
    permission_required = "signals.view_signal"
    raise_exception = True

    def get(self, request, pk: int):
        signal = get_object_or_404(selectors.visible(request.user), pk=pk)
        description, example, pending = selectors.text_for(request.user, signal)
        if signal.reporter_id == request.user.pk:
            services.notices_read(request.user, signal)
        handler = selectors.is_handler(request.user)
        return render(
            request,
            "signals/detail.html",
            {
                "signal": signal,
                "description": description,
                "example": example,
                "pending": pending,
                "own_text": selectors.reads_own_text(request.user, signal),
                "notices": signal.notices.filter(user=signal.reporter)
                if signal.reporter_id == request.user.pk
                else [],
                "events": signal.events.all(),
                "is_writer": signal.reporter_id == request.user.pk,
                "may_react": signal.reporter_id == request.user.pk
                and signal.status in (Signal.Status.ANSWERED, Signal.Status.DECLINED),
                "reaction_form": forms.ReactionForm(),
                "may_take": handler
                and SIGNAL.allowed(signal, Signal.Status.ANALYSIS)
                and signal.status == Signal.Status.RECEIVED,
                "may_decline": handler and SIGNAL.allowed(signal, Signal.Status.DECLINED),
                "may_resolve": handler
                and signal.status in (Signal.Status.RECEIVED, Signal.Status.ANALYSIS),
            },
        )


class ReactView(PermissionRequiredMixin, View):
    permission_required = "signals.view_signal"
    raise_exception = True

    def post(self, request, pk: int):
        signal = get_object_or_404(selectors.visible(request.user), pk=pk)
        if signal.reporter_id != request.user.pk:
            raise PermissionDenied
        form = forms.ReactionForm(request.POST)

        def write():
            data = form.cleaned_data
            return services.signal_react(
                signal, user=request.user, answers_signal=data["answers_signal"], note=data["note"]
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: form_page(
                request, form, _("Your reaction"), _detail_url(signal), status=status
            ),
            success_url=_detail_url,
            success_message=_("Thank you for your reaction."),
        )


class TakeView(PermissionRequiredMixin, View):
    permission_required = "signals.handle_signal"
    raise_exception = True

    def post(self, request, pk: int):
        signal = get_object_or_404(Signal, pk=pk)
        try:
            services.signal_take(signal, user=request.user)
        except IllegalTransition as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You handle this signal; the writer is told."))
        return redirect(_detail_url(signal))


class SignalActionView(PermissionRequiredMixin, View):
    """A handler answers a signal on its own, or does not take it up (with the reason)."""

    permission_required = "signals.handle_signal"
    raise_exception = True
    action = "decline"

    def _render(self, request, signal, form, status=200):
        title = (
            _("Answering “%(title)s”")
            if self.action == "resolve"
            else _("Not taking up “%(title)s”")
        )
        return form_page(
            request,
            form,
            title % {"title": signal.title},
            _detail_url(signal),
            status=status,
            intro=_("The writer receives your answer in the app and by e-mail."),
        )

    def _form(self, data=None):
        return forms.AnswerForm(data) if self.action == "resolve" else forms.DeclineForm(data)

    def get(self, request, pk: int):
        signal = get_object_or_404(Signal, pk=pk)
        return self._render(request, signal, self._form())

    def post(self, request, pk: int):
        signal = get_object_or_404(Signal, pk=pk)
        form = self._form(request.POST)

        def write():
            if self.action == "resolve":
                return services.signal_resolve(
                    signal, answer=form.cleaned_data["answer"], user=request.user
                )
            return services.signal_decline(
                signal, reason=form.cleaned_data["reason"], user=request.user
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, signal, form, status),
            success_url=_detail_url,
            success_message=_("Saved; the writer is told."),
        )


class QueueView(PermissionRequiredMixin, View):
    """The handlers' queue: signals awaiting a first response or in analysis, the overdue ones
    marked, and the bundling of signals into a policy issue."""

    permission_required = "signals.view_queue"
    raise_exception = True

    def get(self, request):
        today = timezone.localdate()
        return render(
            request,
            "signals/queue.html",
            {
                "signals": selectors.queue(),
                "overdue": selectors.overdue(today).count(),
                "today": today,
                "may_handle": selectors.is_handler(request.user),
            },
        )


class IssueListView(PermissionRequiredMixin, View):
    permission_required = "signals.view_queue"
    raise_exception = True

    def get(self, request):
        return render(
            request,
            "signals/issues.html",
            {"issues": selectors.issues(), "may_handle": selectors.is_handler(request.user)},
        )


class IssueCreateView(PermissionRequiredMixin, View):
    permission_required = "signals.handle_signal"
    raise_exception = True

    def _render(self, request, form, status=200):
        return form_page(
            request,
            form,
            _("New policy issue"),
            reverse("signals:queue"),
            status=status,
            intro=_("Bundle the signals that are about the same problem."),
        )

    def get(self, request):
        initial = {"signals": request.GET.getlist("signal")}
        return self._render(request, forms.IssueForm(initial=initial))

    def post(self, request):
        form = forms.IssueForm(request.POST)

        def write():
            data = form.cleaned_data
            return services.issue_create(
                user=request.user,
                title=data["title"],
                description=data["description"],
                theme=data["theme"],
                chain=data["chain"],
                signals=data["signals"],
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, form, status),
            success_url=_issue_url,
            success_message=_("Policy issue made; the writers are told."),
        )


class IssueView(PermissionRequiredMixin, View):
    permission_required = "signals.view_queue"
    raise_exception = True

    def get(self, request, pk: int):
        issue = get_object_or_404(selectors.issues(), pk=pk)
        return render(
            request,
            "signals/issue.html",
            {
                "issue": issue,
                "profile": selectors.issue_profile(issue),
                "may_handle": selectors.is_handler(request.user),
                "events": issue.events.all(),
            },
        )


class IssueActionView(PermissionRequiredMixin, View):
    """One step of a policy issue: add signals, put it on an agenda, decide, decline."""

    permission_required = "signals.handle_signal"
    raise_exception = True
    action = "decide"

    TITLES = {
        "add": _("Add signals"),
        "schedule": _("Put on an agenda"),
        "decide": _("Decide and answer"),
        "decline": _("Not taking it up"),
    }

    def _form(self, issue, data=None):
        if self.action == "add":
            return forms.AddSignalsForm(data)
        if self.action == "schedule":
            return forms.ScheduleForm(data)
        if self.action == "decide":
            return forms.DecideForm(data, issue=issue)
        return forms.DeclineForm(data)

    def _render(self, request, issue, form, status=200):
        intro = ""
        if self.action in ("decide", "decline"):
            intro = _(
                "Every professional whose signal is in this issue (%(count)s) receives the "
                "answer in the app and by e-mail."
            ) % {"count": issue.signals.count()}
        return form_page(
            request,
            form,
            f"{self.TITLES[self.action]}: {issue.title}",
            _issue_url(issue),
            status=status,
            intro=intro,
        )

    def get(self, request, pk: int):
        issue = get_object_or_404(Issue, pk=pk)
        return self._render(request, issue, self._form(issue))

    def post(self, request, pk: int):
        issue = get_object_or_404(Issue, pk=pk)
        form = self._form(issue, request.POST)

        def write():
            data = form.cleaned_data
            if self.action == "add":
                return services.issue_add_signals(issue, data["signals"], user=request.user)
            if self.action == "schedule":
                return services.issue_schedule(issue, meeting=data["meeting"], user=request.user)
            if self.action == "decide":
                return services.issue_decide(
                    issue, decision=data["decision"], answer=data["answer"], user=request.user
                )
            return services.issue_decline(issue, reason=data["reason"], user=request.user)

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, issue, form, status),
            success_url=lambda saved: _issue_url(issue),
            success_message=_("Saved."),
        )


class FiguresView(PermissionRequiredMixin, View):
    """Aggregates for everyone, the council included: counts, never texts or names."""

    permission_required = "signals.view_aggregates"
    raise_exception = True

    def get(self, request):
        data = selectors.aggregates()
        return render(request, "signals/figures.html", {"data": data})
