"""The survey beyond the published percentages: wide KoboToolbox/LimeSurvey exports, results per
wijkteam organisation, the results as the indicator's fact, coded open answers shared only
de-identified, tips taken up in a meeting, and the report as PDF and XLSX."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from wijkregie.accounts.models import AuditEvent, User
from wijkregie.reporting.models import Value
from wijkregie.surveys import importing, results, services
from wijkregie.surveys.models import Answer, Coding, Question, Survey, Wave
from wijkregie.surveys.tests.test_import_and_results import form

# --- wide exports -------------------------------------------------------------------------------

LONG = [
    ("2025", "r1", "wijkteam", "s1", "4"),
    ("2025", "r1", "wijkteam", "thema", "mo"),
    ("2025", "r1", "wijkteam", "thema", "arm"),
    ("2025", "r2", "voorveld", "s1", "weet_niet"),
    ("2025", "r2", "voorveld", "jaren", "3"),
    ("2025", "r2", "voorveld", "tip", "Vaker samen lunchen."),
]


def _stored(code: str = "test") -> list[tuple]:
    return sorted(
        Answer.objects.filter(question__survey__code=code).values_list(
            "response__wave__code",
            "response__respondent",
            "response__group",
            "question__code",
            "value",
        )
    )


def test_a_kobo_export_loads_as_the_long_file_does(empty_db):
    kobo = (
        b"start;end;_uuid;groep;grp/s1;grp/thema;grp/thema/mo;grp/thema/arm;jaren;tip;_submission_time\r\n"
        b"2025-01-01;2025-01-01;r1;wijkteam;4;mo arm;1;1;;;2025-01-02\r\n"
        b"2025-01-01;2025-01-01;r2;voorveld;weet_niet;;0;0;3;Vaker samen lunchen.;2025-01-02\r\n"
    )
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=kobo, answers_name="kobo.csv", wave="2025"
    )
    assert outcome.status == "imported", outcome.as_dict()
    assert _stored() == sorted(LONG)


def test_a_limesurvey_export_loads_as_the_long_file_does(empty_db):
    lime = (
        "id,submitdate,lastpage,startlanguage,seed,golf,groep,s1,thema[mo],thema[arm],jaren,tip\r\n"
        "r1,2025-01-02,3,nl,123,2025,wijkteam,4,Y,Y,,\r\n"
        "r2,2025-01-02,3,nl,456,2025,voorveld,weet_niet,N,,3,Vaker samen lunchen.\r\n"
    ).encode("cp1252")
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=lime, answers_name="lime.csv"
    )
    assert outcome.status == "imported", outcome.as_dict()
    assert _stored() == sorted(LONG)


def test_a_wide_export_with_a_stray_column_or_value_is_rejected_whole(empty_db):
    stray = b"id;golf;groep;s1;naam\r\nr1;2025;wijkteam;4;Piet\r\n"
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=stray, answers_name="lime.csv"
    )
    assert outcome.status == "rejected"
    [error] = outcome.errors
    assert (error.column, error.row) == ("naam", 1)
    assert "geen vraag" in error.message
    bad = b"id;golf;groep;s1;thema[mo]\r\nr1;2025;wijkteam;9;X\r\n"
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=bad, answers_name="lime.csv"
    )
    assert {(e.row, e.column) for e in outcome.errors} == {(2, "thema[mo]"), (2, "s1")}
    no_wave = b"id;groep;s1\r\nr1;wijkteam;4\r\n"
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=no_wave, answers_name="lime.csv"
    )
    assert outcome.errors[0].column == "golf"
    assert not Survey.objects.exists()


# --- per wijkteam organisation -----------------------------------------------------------------


def test_results_per_wijkteam_organisation(demo, settings):
    wave = Wave.objects.get(survey__code="samenwerking", code="2024")
    split = results.breakdown_results(wave, show_small_groups=False)
    assert {o: v["respondents"] for o, v in split["wijkteam"].items()} == {
        "dock": 18,
        "incluzio": 19,
        "smd": 17,
    }
    # The voorveld counts under every wijkteam it named (70 %, 61 %, 59 % of who answered).
    voorveld = split["voorveld"]
    assert (
        sum(v["respondents"] for v in voorveld.values())
        > wave.responses.filter(group="voorveld", answers__question__code="wijkteams")
        .distinct()
        .count()
    )
    # Each option's figure is the ordinary result over its own respondents.
    s1 = Question.objects.get(survey__code="samenwerking", code="s1_bijdrage")
    members = results.breakdown_members(wave)[("wijkteam", "dock")]
    agree = Answer.objects.filter(question=s1, response__in=members, value__in=["4", "5"]).count()
    valid = Answer.objects.filter(
        question=s1, response__in=members, value__in=["1", "2", "3", "4", "5"]
    ).count()
    assert split["wijkteam"]["dock"]["questions"]["s1_bijdrage"]["agree_percent"] == (
        results.percent(agree, valid)
    )
    settings.WIJKREGIE_SURVEY_THRESHOLD = 19
    split = results.breakdown_results(wave, show_small_groups=False)
    assert split["wijkteam"]["dock"] == {"suppressed": True}
    assert split["wijkteam"]["incluzio"]["respondents"] == 19
    assert (
        "respondents" in results.breakdown_results(wave, show_small_groups=True)["wijkteam"]["dock"]
    )


# --- results as the indicator's fact -------------------------------------------------------------


def test_the_demo_survey_feeds_its_indicator_through_the_fact_grain(demo):
    survey = Survey.objects.get(code="samenwerking")
    assert survey.indicator.code == "SAMENWERKING-VOORVELD"
    statements = [q.code for q in results.likert_questions(survey)]
    assert len(statements) == 8
    answers = Answer.objects.filter(
        response__wave__code="2024",
        response__wave__survey=survey,
        response__group="voorveld",
        question__code__in=statements,
    )
    valid = answers.filter(value__in=["1", "2", "3", "4", "5"]).count()
    agree = answers.filter(value__in=["4", "5"]).count()
    fact = Value.objects.get(indicator=survey.indicator, period="2024H2", source="survey")
    assert (fact.numerator, fact.denominator) == (agree, valid)
    assert fact.value == results.percent(agree, valid)
    assert fact.state == Value.State.APPROVED and fact.organisation.kind == "municipality"
    assert Value.objects.filter(indicator=survey.indicator, period="2026H1").exists()
    # Unlinking a wave removes its figure; unlinking the survey removes them all.
    services.indicator_link(
        survey,
        indicator=survey.indicator,
        group="voorveld",
        periods={"2024": "", "2026": "2026H1"},
        user=None,
    )
    assert not Value.objects.filter(indicator=survey.indicator, period="2024H2").exists()
    indicator = survey.indicator
    services.indicator_link(survey, indicator=None, group="", periods={}, user=None)
    assert not Value.objects.filter(indicator=indicator, source="survey").exists()


def test_a_group_below_the_threshold_gives_no_figure(demo, settings):
    survey = Survey.objects.get(code="samenwerking")
    settings.WIJKREGIE_SURVEY_THRESHOLD = 80  # the voorveld of 2026 (79) falls below it
    services.facts_publish(survey)
    periods = set(
        Value.objects.filter(indicator=survey.indicator, source="survey").values_list(
            "period", flat=True
        )
    )
    assert periods == {"2024H2"}


def test_the_owner_links_the_indicator_on_a_page(demo, login_as, client):
    login_as("beleidsadviseur")
    survey = Survey.objects.get(code="samenwerking")
    page = client.post(
        "/enquetes/samenwerking/indicator/",
        {"indicator": survey.indicator_id, "group": "voorveld", "period_2024": "2024-2"},
    )
    assert page.status_code == 400
    assert "2025H1" in page.content.decode()  # the Dutch explanation of a half-year
    page = client.post(
        "/enquetes/samenwerking/indicator/",
        {"indicator": survey.indicator_id, "group": "voorveld", "period_2024": "2025H1"},
    )
    assert page.status_code == 302
    assert Wave.objects.get(survey=survey, code="2024").period == "2025H1"
    assert Value.objects.filter(indicator=survey.indicator, period="2025H1").exists()


# --- open answers and tips -----------------------------------------------------------------------


def test_quotes_are_shared_only_de_identified(demo, login_as, client):
    coding = Coding.objects.get(answer__value__contains="Anouk de Wit")
    assert "Anouk" not in coding.quote and "Wit" not in coding.quote
    assert coding.kind == Coding.Kind.GOOD and coding.statement.code == "s3_weten_wie"
    login_as("aanbieder")
    page = client.get("/enquetes/samenwerking/").content.decode()
    assert coding.quote in page and "Anouk" not in page
    assert "Wij horen pas van activiteiten" in page  # a "kan beter" quote under its statement
    assert client.get("/enquetes/samenwerking/open-antwoorden/").status_code == 403


def test_the_owner_codes_an_open_answer_and_the_read_is_logged(demo, login_as, client):
    login_as("beleidsadviseur")
    user = User.objects.get(username="beleidsadviseur")
    page = client.get("/enquetes/samenwerking/open-antwoorden/?golf=2024")
    assert "Anouk de Wit" in page.content.decode()  # the owner codes the text as written
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.RECORD_READ).exists()
    answer = Answer.objects.get(value="Geen opmerkingen.")
    statement = Question.objects.get(survey__code="samenwerking", code="s6_relatie")
    response = client.post(
        "/enquetes/samenwerking/open-antwoorden/",
        {
            "answer": answer.pk,
            "golf": "2024",
            f"a{answer.pk}-kind": "beter",
            f"a{answer.pk}-statement": statement.pk,
            f"a{answer.pk}-theme": "relatie",
        },
    )
    assert response.status_code == 302
    answer.coding.refresh_from_db()
    assert (answer.coding.kind, answer.coding.statement, answer.coding.coded_by) == (
        "beter",
        statement,
        user,
    )
    not_open = Answer.objects.filter(question__code="s1_bijdrage").first()
    response = client.post(
        "/enquetes/samenwerking/open-antwoorden/",
        {"answer": not_open.pk, "golf": not_open.response.wave.code, f"a{not_open.pk}-kind": "tip"},
    )
    assert response.status_code == 404  # only open answers are coded
    with pytest.raises(ValidationError, match="Alleen open antwoorden"):
        services.coding_save(not_open, kind="tip", user=None)
    assert not Coding.objects.filter(answer=not_open).exists()


# --- the report ------------------------------------------------------------------------------


def test_the_report_as_xlsx_has_the_page_s_figures_and_no_formulas(demo, login_as, client):
    coding = Coding.objects.filter(kind=Coding.Kind.BETTER).first()
    Coding.objects.filter(pk=coding.pk).update(quote="=HYPERLINK(1)")
    login_as("beleidsadviseur")
    response = client.get("/enquetes/samenwerking/rapport.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    by_key = {(r[0], r[1], r[3]): r for r in rows[1:]}
    assert by_key[("s1_bijdrage", "wijkteam", "2024")][5] == 89
    assert by_key[("s2_contact", "voorveld", "2024")][5] == 44
    assert by_key[("s2_contact", "voorveld", "2026")][5] == 64
    assert by_key[("s2_contact", "voorveld", "2026")][12] == "ja"  # +20 points beyond chance
    quotes = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(1)" in quotes
    assert "Per organisatie" in book.sheetnames
    one_wave = client.get("/enquetes/samenwerking/rapport.xlsx?golf=2024")
    rows = list(
        load_workbook(io.BytesIO(one_wave.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert {r[3] for r in rows[1:]} == {"2024"}
    assert client.get("/enquetes/samenwerking/rapport.xlsx?golf=1999").status_code == 404


def test_the_report_as_pdf(demo, login_as, client):
    login_as("raadslid")
    response = client.get("/enquetes/samenwerking/rapport.pdf?golf=2024")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "89%" in text and "66%" in text  # s1_bijdrage: wijkteam 89, voorveld 66
    assert "DOCK (n=18)" in text  # per wijkteam organisation
    assert "Anouk" not in text


# --- questions for one group -------------------------------------------------------------------


def test_a_question_for_one_group_is_put_to_that_group_only(demo, client):
    voorveld = client.get("/enquetes/invullen/demo-voorveld-2/").content.decode()
    wijkteam = client.get("/enquetes/invullen/demo-wijkteam-2/").content.decode()
    assert "Bij welke organisatie werkt u?" in wijkteam
    assert "Bij welke organisatie werkt u?" not in voorveld
    assert "Met welke wijkteams werkt u het meest samen?" in voorveld
