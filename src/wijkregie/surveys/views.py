"""Pages of the collaboration survey: the surveys, and per survey each statement with both
groups side by side over the waves."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.saving import form_page, save_form
from wijkregie.surveys import answer_forms, forms, online, report, selectors, services, xlsform
from wijkregie.surveys.models import Answer, Invitation, Question, Survey


class SurveyListView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request):
        return render(request, "surveys/list.html", {"surveys": selectors.surveys()})


class SurveyDetailView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        waves, groups, rows = selectors.comparison(request.user, survey)
        data = selectors.survey_results(request.user, survey)
        context = {
            "survey": survey,
            "waves": waves,
            "groups": groups,
            "rows": rows,
            "respondents": {w["wave"]: w["groups"] for w in data["waves"]},
            "likert_labels": selectors.likert_labels(survey),
            "threshold": settings.WIJKREGIE_SURVEY_THRESHOLD,
            "breakdown": selectors.breakdown(request.user, survey),
            "quotes": selectors.quotes(survey),
            "tips_count": selectors.tips(survey).exclude(quote="").count(),
            "is_owner": selectors.is_owner(request.user),
            "running": [
                (wave, sorted(online.response_rate(wave).items()))
                for wave in survey.waves.filter(open_until__isnull=False)
            ]
            if selectors.is_owner(request.user)
            else [],
        }
        return render(request, "surveys/detail.html", context)


class FormExportView(PermissionRequiredMixin, View):
    """The questionnaire as XLSForm, for the next wave or another survey tool."""

    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        return _download(xlsform.write_form(survey), f"{survey.code}-vragenlijst.xlsx")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, name: str) -> HttpResponse:
    """A PDF shown in the browser, or a spreadsheet downloaded."""
    pdf = name.endswith(".pdf")
    response = HttpResponse(content, content_type="application/pdf" if pdf else XLSX)
    disposition = "inline" if pdf else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


class ReportView(PermissionRequiredMixin, View):
    """The report of a wave (``?golf=2024``) or of all waves, as PDF or XLSX."""

    permission_required = "surveys.view_survey"
    raise_exception = True
    fmt = "pdf"

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        wave = request.GET.get("golf") or None
        if wave and not survey.waves.filter(code=wave).exists():
            raise Http404
        make = report.report_pdf if self.fmt == "pdf" else report.report_xlsx
        return _download(
            make(request.user, survey, wave), f"{survey.code}-{wave or 'trend'}.{self.fmt}"
        )


class TipsView(PermissionRequiredMixin, View):
    """The respondents' tips (de-identified) and what became of them."""

    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        tips = [t for t in selectors.tips(survey) if t.quote]
        return render(request, "surveys/tips.html", {"survey": survey, "tips": tips})


class OpenAnswersView(PermissionRequiredMixin, View):
    """The survey's owners code the open answers of a wave: what goes well or could be better
    per statement, or a tip. The raw answers are shown only here; the read is audit-logged."""

    permission_required = "surveys.own_survey"
    raise_exception = True

    def _page(self, request, survey, wave, forms_by_answer, status=200):
        return render(
            request,
            "surveys/open_answers.html",
            {
                "survey": survey,
                "wave": wave,
                "waves": survey.waves.exclude(responses=None),
                "rows": forms_by_answer,
            },
            status=status,
        )

    def _wave(self, request, survey):
        code = request.GET.get("golf") or request.POST.get("golf")
        waves = survey.waves.exclude(responses=None).order_by("-code")
        wave = waves.filter(code=code).first() if code else waves.first()
        if wave is None:
            raise Http404
        return wave

    def _rows(self, survey, wave, bound: tuple[int, forms.CodingForm] | None = None):
        rows = []
        for answer in selectors.open_answers(survey, wave):
            if bound and bound[0] == answer.pk:
                rows.append((answer, bound[1]))
                continue
            coding = getattr(answer, "coding", None)
            initial = (
                {
                    "kind": coding.kind,
                    "statement": coding.statement_id,
                    "theme": coding.theme,
                    "follow_up": coding.follow_up,
                }
                if coding
                else {}
            )
            rows.append(
                (answer, forms.CodingForm(initial=initial, survey=survey, prefix=f"a{answer.pk}"))
            )
        return rows

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        wave = self._wave(request, survey)
        rows = self._rows(survey, wave)
        audit_event_create(
            action=AuditEvent.Action.RECORD_READ,
            request=request,
            obj=wave,
            detail={"open_answers": len(rows)},
        )
        return self._page(request, survey, wave, rows)

    def post(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        wave = self._wave(request, survey)
        answer = get_object_or_404(
            Answer,
            pk=request.POST.get("answer") or None,
            response__wave=wave,
            question__survey=survey,
            question__type=Question.Type.TEXT,
        )
        form = forms.CodingForm(request.POST, survey=survey, prefix=f"a{answer.pk}")

        def write():
            data = form.cleaned_data
            return services.coding_save(
                answer,
                kind=data["kind"],
                statement=data["statement"],
                theme=data["theme"],
                follow_up=data["follow_up"],
                user=request.user,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._page(
                request, survey, wave, self._rows(survey, wave, (answer.pk, form)), status
            ),
            success_url=lambda coding: f"{request.path}?golf={wave.code}#answer-{answer.pk}",
            success_message=_("Coded. The quote is de-identified before others see it."),
        )


class IndicatorLinkView(PermissionRequiredMixin, View):
    """The indicator the survey's results feed, and the half-year of each wave."""

    permission_required = "surveys.own_survey"
    raise_exception = True

    def _form(self, survey, data=None):
        initial = {"indicator": survey.indicator_id, "group": survey.indicator_group}
        initial.update({f"period_{w.code}": w.period for w in survey.waves.all()})
        return forms.IndicatorLinkForm(data, initial=initial, survey=survey)

    def _render(self, request, survey, form, status=200):
        return form_page(
            request,
            form,
            _("Results as figures: %(survey)s") % {"survey": survey.name},
            reverse("surveys:detail", args=[survey.code]),
            status=status,
            intro=_(
                "The share agreeing of one group over all statements becomes the indicator's "
                "figure for the municipality, per wave with a half-year. Groups below the "
                "threshold give no figure."
            ),
        )

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        return self._render(request, survey, self._form(survey))

    def post(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        form = self._form(survey, request.POST)

        def write():
            data = form.cleaned_data
            return services.indicator_link(
                survey,
                indicator=data["indicator"],
                group=data["group"],
                periods=form.periods(),
                user=request.user,
            )

        return save_form(
            request,
            form,
            write,
            render=lambda status: self._render(request, survey, form, status),
            success_url=lambda _written: reverse("surveys:detail", args=[survey.code]),
            success_message=_("Saved; the figures are written."),
        )


@method_decorator(login_not_required, name="dispatch")
class AnswerView(View):
    """Answering a wave online through a one-time invitation link: no login, no name."""

    def _context(self, token: str):
        try:
            invitation = online.invitation_for(token)
        except Invitation.DoesNotExist as exc:
            raise Http404 from exc
        survey = invitation.wave.survey
        questions = [q for q in survey.questions.all() if online.asked_of(q, invitation.group)]
        choices: dict[str, list[tuple[str, str]]] = {}
        for choice in survey.choices.order_by("list_name", "order"):
            choices.setdefault(choice.list_name, []).append((choice.name, choice.label))
        return invitation, questions, choices

    def _render(self, request, invitation, form, status=200):
        context = {"invitation": invitation, "survey": invitation.wave.survey, "form": form}
        return render(request, "surveys/answer.html", context, status=status)

    def get(self, request, token: str):
        try:
            invitation, questions, choices = self._context(token)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        form = answer_forms.AnswerForm(
            initial=answer_forms.AnswerForm.initial_from(invitation.draft, questions),
            questions=questions,
            choices=choices,
            group=invitation.group,
        )
        return self._render(request, invitation, form)

    def post(self, request, token: str):
        try:
            invitation, questions, choices = self._context(token)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        form = answer_forms.AnswerForm(
            request.POST, questions=questions, choices=choices, group=invitation.group
        )
        if not form.is_valid():
            return self._render(request, invitation, form, status=400)
        names = {name: {c for c, _ in items} for name, items in choices.items()}
        answers, errors = online.clean(questions, names, form.answers())
        for code, message in errors.items():
            form.add_error(code, message)
        if errors:
            return self._render(request, invitation, form, status=400)
        if "opslaan" in request.POST:
            online.draft_save(token=token, answers=answers)
            messages.success(request, _("Saved. You can close this page and carry on later."))
            return redirect(request.path)
        try:
            online.submit(token=token, answers=answers)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self._render(request, invitation, form, status=400)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        return render(request, "surveys/answer_thanks.html", {"survey": invitation.wave.survey})
