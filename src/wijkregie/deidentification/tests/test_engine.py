"""The engine's rules, without deduce: each detector, the allow-list and the shape of the
output. (The corpus test measures the whole function with deduce.)"""

from __future__ import annotations

import pytest

from wijkregie.deidentification.engine import Deidentifier, bsn_valid

ALLOW = ["Poelenburg", "Zaandam", "Zaandam Noord", "Kogerveld", "DOCK", "Zaanse Begeleiding"]


@pytest.fixture
def engine():
    return Deidentifier(ALLOW)


def shared(engine, text, marked=()):
    return engine.run(text, marked).text


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 12 34 56 78",
        "0612345678",
        "06-1234 5678",
        "075-6812345",
        "075 - 681 23 45",
        "075 681 2345",
        "+31 6 1234 5678",
        "+31 (0)75 123 4567",
        "0031 75 612 3456",
        "06.12.34.56.78",
        "(075) 6812345",
    ],
)
def test_phone_numbers_in_every_dutch_notation(engine, phone):
    assert shared(engine, f"Bel haar op {phone} na vijf uur.") == (
        "Bel haar op [TELEFOONNUMMER] na vijf uur."
    )


def test_bsn_by_the_eleven_test_and_other_long_numbers(engine):
    assert bsn_valid("123456782") and not bsn_valid("123456789")
    assert "[BSN]" in shared(engine, "Zijn BSN 123456782 stond in de mail.")
    assert "[BSN]" in shared(engine, "Nummer 1234.56.782 hoort hier niet.")
    assert "123456789" not in shared(engine, "Dossier 123456789 blijft open.")


def test_client_and_file_numbers(engine):
    for text in (
        "Klantnummer: 48291",
        "cliëntnummer C-778812",
        "relatienummer R884201",
        "kenmerk Z/24/118822",
        "Haar dossiernummer is SMD-2025-00412.",
    ):
        result = shared(engine, text)
        assert "[NUMMER]" in result, result
        assert not any(ch.isdigit() for ch in result), result


def test_cbs_codes_and_period_codes_stay(engine):
    assert shared(engine, "Wijk WK047901 in GM0479, halfjaar 2026H1.") == (
        "Wijk WK047901 in GM0479, halfjaar 2026H1."
    )


def test_addresses_postcodes_and_house_numbers(engine):
    assert shared(engine, "Ze woont op Kerkstraat 3a, 1521 CD Wormerveer.").startswith(
        "Ze woont op [ADRES-1], [POSTCODE]"
    )
    assert shared(engine, "De flat aan de Bloemgracht op nummer 17.") == (
        "De flat aan de [ADRES-1] op nummer [ADRES-2]."
    )


def test_ages_next_to_a_person_but_not_figures(engine):
    assert shared(engine, "Mevrouw Bakker (81) belde.") == "Mevrouw [PERSOON-1] [LEEFTIJD] belde."
    assert "[LEEFTIJD]" in shared(engine, "De 17-jarige zoon zat thuis.")
    assert "[LEEFTIJD]" in shared(engine, "Hij is 79 jaar en woont alleen.")
    assert shared(engine, "Het aantal trajecten is 110.") == "Het aantal trajecten is 110."
    assert shared(engine, "De wachtlijst is 12 weken.") == "De wachtlijst is 12 weken."


def test_dates_but_not_months_alone(engine):
    assert shared(engine, "Op 3 februari 2026 belde ze.") == "Op [DATUM] belde ze."
    assert shared(engine, "Op maandag 6 januari kwam hij.") == "Op [DATUM] kwam hij."
    assert shared(engine, "Geboren 12-08-1951.") == "Geboren [DATUM]."
    assert shared(engine, "In februari 2026 startte de pilot.") == (
        "In februari 2026 startte de pilot."
    )


def test_titles_and_kin_stay_the_name_goes(engine):
    assert shared(engine, "Mevrouw van der Meer en haar buurman Henk.") == (
        "Mevrouw [PERSOON-1] en haar buurman [PERSOON-2]."
    )
    assert shared(engine, "De heer J. de Boer belde.") == "De heer [PERSOON-1] belde."


def test_a_name_found_once_is_removed_everywhere(engine):
    result = shared(engine, "Mevrouw Bakker belde. Bakker wil geen hulp.")
    assert "Bakker" not in result
    assert result.count("[PERSOON-1]") == 2


def test_institutions_named_next_to_a_resident(engine):
    assert shared(engine, "Hij zit op basisschool De Vlinder.") == (
        "Hij zit op basisschool [INSTELLING-1]."
    )
    assert "Heemhof" not in shared(engine, "Ze woont in verpleeghuis De Heemhof.")


def test_the_allow_list_rescues_register_words_from_the_weak_detectors(engine):
    text = "In Poelenburg en Zaandam-Noord werkte DOCK samen met Zaanse Begeleiding."
    assert shared(engine, text) == text


def test_the_allow_list_never_rescues_a_strong_pattern(engine):
    assert shared(engine, "Mevrouw Zaandam belde.") == "Mevrouw [PERSOON-1] belde."


def test_without_the_allow_list_a_wijk_would_be_removed():
    assert "Kogerveld" not in Deidentifier([]).run("De jongeren uit Kogerveld kwamen.").text


def test_a_detail_marked_by_the_writer(engine):
    text = "Hij werkt bij de bakkerij van zijn oom."
    assert shared(engine, text, ["bakkerij"]) == "Hij werkt bij de [VERWIJDERD] van zijn oom."


def test_email_and_urls(engine):
    assert shared(engine, "Mail j.devries@gmail.com of kijk op www.example.nl/jan.") == (
        "Mail [E-MAILADRES] of kijk op [URL]."
    )


def test_empty_text():
    assert Deidentifier([]).run("   ").text == ""


def test_a_person_of_the_street_keeps_both_apart(engine):
    # The proper-name rule ran "Annelies Kramer van de Lindelaan" together into one address.
    assert shared(engine, "Mevrouw Annelies Kramer van de Lindelaan 4 kreeg hulp.") == (
        "Mevrouw [PERSOON-1] van de [ADRES-1] kreeg hulp."
    )
    # A street named after a person stays one street.
    assert shared(engine, "Zij woont aan de Jan van Galenstraat 5.") == (
        "Zij woont aan de [ADRES-1]."
    )


def test_a_model_span_over_a_full_stop_is_cut_at_the_sentence_end():
    text = "Hij woont aan de Jan van Galenstraat. Buurman Piet helpt. Dr. J.M. de Wit belde."

    def model(text):
        # As deduce does: a person over a full stop, a title and initials inside one name,
        # a location with its particles.
        yield text.index("Jan"), text.index(" helpt"), "persoon"
        yield text.index("Dr."), text.index(" belde"), "persoon"
        yield text.index("de Jan"), text.index(". Buurman"), "locatie"

    result = Deidentifier(model=model).run(text).text
    assert result == (
        "Hij woont aan de [ADRES-1]. Buurman [PERSOON-1] helpt. Dr. [PERSOON-2] belde."
    )
