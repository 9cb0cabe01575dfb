"""The survey's formats and results: rounding half up, the valid n without "weet niet",
mirrored statements, anonymity, all-or-nothing import with a Dutch report, waves that add up,
disclosure of small groups, and the demo's 2024 wave equal to the published report."""

from __future__ import annotations

import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from wijkregie.common import demodata
from wijkregie.surveys import importing, results, selectors
from wijkregie.surveys.models import Answer, Response, Survey

# --- rounding ---------------------------------------------------------------------------------


def test_rounding_half_up_as_published_reports_do():
    assert results.percent(13, 40) == 33  # 32.5 → 33
    assert results.percent(1, 8) == 13  # 12.5 → 13
    assert results.percent(1, 3) == 33
    assert results.percent(2, 3) == 67
    assert results.percent(0, 7) == 0
    assert results.percent(7, 7) == 100


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_rounding_equals_decimal_half_up(pair):
    count, n = pair
    expected = (Decimal(100) * count / n).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert results.percent(count, n) == int(expected)


# --- a small questionnaire ----------------------------------------------------------------------


def form(form_id: str = "test") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "label_wijkteam", "label_voorveld", "hint"])
    sheet.append(["start", "start", "", "", "", ""])
    sheet.append(
        [
            "select_one eens",
            "s1",
            "Samen geholpen.",
            "Met het voorveld geholpen.",
            "Met de wijkteams geholpen.",
            "genegeerd",
        ]
    )
    sheet.append(["select_multiple themas", "thema", "Thema's", "", "", ""])
    sheet.append(["integer", "jaren", "Hoe lang al?", "", "", ""])
    sheet.append(["text", "tip", "Tip", "", "", ""])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("1", "2", "3", "4", "5", "weet_niet"):
        choices.append(["eens", name, f"antwoord {name}"])
    for name in ("mo", "arm"):
        choices.append(["themas", name, name.upper()])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["Testenquête", form_id, "1"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[tuple], *, delimiter=";", encoding="utf-8-sig") -> bytes:
    header = delimiter.join(importing.COLUMNS)
    lines = [header] + [delimiter.join(map(str, row)) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def run(rows, **kwargs):
    return importing.import_survey(
        form=kwargs.pop("form", form()),
        form_name="vragen.xlsx",
        answers=csv_bytes(rows, **kwargs),
        answers_name="antwoorden.csv",
    )


def test_valid_n_leaves_out_weet_niet_and_lists_every_option(empty_db, settings):
    settings.WIJKREGIE_SURVEY_THRESHOLD = 1
    rows = [
        ("2024", f"r{i}", "wijkteam", "s1", answer)
        for i, answer in enumerate(["5", "4", "4", "2", "weet_niet", "weet_niet"])
    ]
    rows += [
        ("2024", "r0", "wijkteam", "thema", "mo"),
        ("2024", "r0", "wijkteam", "thema", "arm"),
        ("2024", "r1", "wijkteam", "thema", "mo"),
        ("2024", "r0", "wijkteam", "jaren", "3"),
        ("2024", "r1", "wijkteam", "jaren", "5"),
    ]
    outcome = run(rows)
    assert outcome.status == "imported", outcome.as_dict()["errors"]
    data = results.survey_results(Survey.objects.get(), show_small_groups=True)
    s1, thema, jaren, _tip = data["waves"][0]["questions"]
    group = s1["groups"]["wijkteam"]
    assert group["n"] == 4  # six answered; two "weet niet" are not in the valid n
    assert group["agree_percent"] == 75
    assert group["options"]["3"] == {"count": 0, "percent": 0}
    assert group["options"]["weet_niet"]["count"] == 2
    assert thema["groups"]["wijkteam"]["n"] == 2
    assert thema["groups"]["wijkteam"]["options"]["mo"] == {"count": 2, "percent": 100}
    assert thema["groups"]["wijkteam"]["options"]["arm"] == {"count": 1, "percent": 50}
    assert jaren["groups"]["wijkteam"] == {"n": 2, "mean": 4.0, "median": 4.0}
    assert data["waves"][0]["groups"] == {"wijkteam": 6}


def test_mirrored_statements_keep_one_code_with_a_wording_per_group(empty_db):
    run([("2024", "a", "wijkteam", "s1", "4"), ("2024", "b", "voorveld", "s1", "2")])
    question = Survey.objects.get().questions.get(code="s1")
    assert question.label_for("wijkteam") == "Met het voorveld geholpen."
    assert question.label_for("voorveld") == "Met de wijkteams geholpen."
    assert question.label_for("anders") == "Samen geholpen."


def test_a_second_wave_joins_the_survey_and_a_repeated_wave_replaces_itself(empty_db):
    run([("2024", "a", "wijkteam", "s1", "4")])
    run([("2026", "a", "wijkteam", "s1", "5"), ("2026", "b", "wijkteam", "s1", "5")])
    survey = Survey.objects.get()
    assert list(survey.waves.values_list("code", flat=True)) == ["2024", "2026"]
    run([("2026", "c", "wijkteam", "s1", "1")])
    assert survey.waves.get(code="2026").responses.count() == 1


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (("2024", "a", "wijkteam", "s9", "4"), "vraag", "Vraag 's9' staat niet in de vragenlijst."),
        (("2024", "a", "wijkteam", "s1", "6"), "antwoord", "'6' is geen keuze van vraag s1."),
        (("2024", "a", "wijkteam", "jaren", "veel"), "antwoord", "Verwacht een getal"),
        (("2024", "a", "wijkteam", "jaren", "2,5"), "antwoord", "Verwacht een geheel getal."),
        (("2024", "a", "wijkteam", "jaren", "Infinity"), "antwoord", "Verwacht een getal"),
        (("2024", "a@b.nl", "wijkteam", "s1", "4"), "respondent", "geen e-mailadres"),
        (("2024", "a", "Wijk Team", "s1", "4"), "groep", "korte code"),
        (("", "a", "wijkteam", "s1", "4"), "golf", "De kolom golf is leeg."),
    ],
)
def test_a_bad_row_rejects_the_whole_file(empty_db, row, column, message):
    outcome = run([("2024", "ok", "wijkteam", "s1", "4"), row])
    assert outcome.status == "rejected"
    [error] = outcome.errors
    assert (error.file, error.row, error.column) == ("antwoorden.csv", 3, column)
    assert message in error.message
    assert not Survey.objects.exists() and not Answer.objects.exists()


def test_two_answers_to_one_choice_and_a_respondent_in_two_groups(empty_db):
    outcome = run(
        [
            ("2024", "a", "wijkteam", "s1", "4"),
            ("2024", "a", "wijkteam", "s1", "5"),
            ("2024", "a", "voorveld", "thema", "mo"),
        ]
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "antwoord"), (4, "groep")]
    assert "Twee antwoorden op vraag s1" in outcome.errors[0].message


def test_dutch_excel_conventions_are_accepted(empty_db):
    rows = [
        ("2024", "a", "wijkteam", "tip", "Één contactpersoon per wijk"),
        ("2024", "a", "wijkteam", "jaren", "3"),
    ]
    assert run(rows, encoding="cp1252").status == "imported"
    assert run(rows, delimiter=",", encoding="utf-8").status == "imported"
    assert Answer.objects.filter(value="Één contactpersoon per wijk").exists()


def test_bad_questionnaires_are_reported(empty_db):
    outcome = importing.import_survey(
        form=b"geen excel", form_name="v.xlsx", answers=csv_bytes([]), answers_name="a.csv"
    )
    assert outcome.errors[0].message == "Geen leesbaar Excel-bestand (.xlsx)."
    outcome = importing.import_survey(
        form=form(), form_name="v.xlsx", answers=b"wie;wat\r\n1;2\r\n", answers_name="a.csv"
    )
    assert outcome.errors[0].column == "golf, respondent, groep, vraag, antwoord"


def test_nothing_links_a_response_to_a_person():
    """Anonymity by construction: a response holds a wave, an opaque code and a group."""
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "wave", "respondent", "group", "answers"}


def test_significance_does_not_call_noise_a_change():
    assert not selectors.significant(50, 20, 53, 20)
    assert selectors.significant(30, 100, 60, 100)
    assert not selectors.significant(30, 0, 60, 100)


# --- the demo: the published report ------------------------------------------------------------


def test_the_demo_wave_reproduces_the_published_percentages(demo, capsys):
    call_command("enquete", "resultaten", "samenwerking", "--golf", "2024", "--json")
    data = json.loads(capsys.readouterr().out)
    published = demodata.load("enquete")["waves"]["2024"]
    [wave] = data["waves"]
    assert wave["groups"] == published["respondents"]
    questions = {q["name"]: q for q in wave["questions"]}
    for code, targets in published["agree"].items():
        for group, target in targets.items():
            assert questions[code]["groups"][group]["agree_percent"] == target, (code, group)
    for group, shares in published["thema"].items():
        options = questions["thema"]["groups"][group]["options"]
        assert {name: options[name]["percent"] for name in shares} == shares
    for group, share in published["samenwerking"].items():
        assert questions["samenwerking"]["groups"][group]["options"]["ja"]["percent"] == share
    for code, per_group in published["choices"].items():
        for group, shares in per_group.items():
            options = questions[code]["groups"][group]["options"]
            assert {name: options[name]["percent"] for name in shares} == shares, (code, group)


def test_small_groups_are_hidden_from_all_but_the_owners(login_as, settings, client):
    settings.WIJKREGIE_SURVEY_THRESHOLD = 60  # the wijkteam group (54) falls below it
    login_as("aanbieder")
    body = client.get("/api/v1/surveys/samenwerking/results/?wave=2024").json()
    s1 = next(q for q in body["waves"][0]["questions"] if q["name"] == "s1_bijdrage")
    assert s1["groups"]["wijkteam"] == {"suppressed": True}
    assert "agree_percent" in s1["groups"]["voorveld"]
    client.logout()
    login_as("beleidsadviseur")
    body = client.get("/api/v1/surveys/samenwerking/results/?wave=2024").json()
    s1 = next(q for q in body["waves"][0]["questions"] if q["name"] == "s1_bijdrage")
    assert s1["groups"]["wijkteam"]["agree_percent"] == 89


def test_the_exported_questionnaire_imports_again_as_the_same_survey(login_as, client):
    login_as("beleidsadviseur")
    response = client.get("/enquetes/samenwerking/vragenlijst.xlsx")
    assert response["Content-Disposition"].endswith('samenwerking-vragenlijst.xlsx"')
    outcome = importing.import_survey(
        form=response.content,
        form_name="vragenlijst.xlsx",
        answers=csv_bytes([("2028", "x1", "voorveld", "s2_contact", "4")]),
        answers_name="2028.csv",
    )
    assert outcome.status == "imported", outcome.as_dict()["errors"]
    survey = Survey.objects.get(code="samenwerking")
    assert list(survey.waves.values_list("code", flat=True)) == ["2024", "2026", "2027", "2028"]
    assert survey.questions.get(code="s2_contact").label_for("voorveld") == (
        "Het is gemakkelijk om in contact te komen met de wijkteams."
    )


def test_a_workbook_bomb_is_refused_before_it_is_unpacked(empty_db, settings):
    settings.WIJKREGIE_MAX_SPREADSHEET_CELLS = 10
    outcome = importing.import_survey(
        form=form(), form_name="groot.xlsx", answers=csv_bytes([]), answers_name="a.csv"
    )
    assert "te groot" in outcome.errors[0].message
