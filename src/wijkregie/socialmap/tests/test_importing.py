"""The HSDS import: a regional directory is loaded all or nothing, with a report naming file,
place and reason."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from wijkregie.organisations.models import Organisation
from wijkregie.socialmap import importing
from wijkregie.socialmap.models import Service


def _export(client, code: str) -> dict:
    organisation = Organisation.objects.get(code=code)
    return client.get(f"/hsds/organizations/{organisation.uuid}").json()


def test_an_exported_organisation_loads_back_and_updates_in_place(client, demo):
    exported = _export(client, "humanitas-zaanstreek")
    before = Service.objects.count()
    exported["services"][0]["name"] = "Thuisadministratie (vernieuwd)"
    new_id = str(uuid.uuid4())
    exported["services"].append(
        {
            "id": new_id,
            "name": "Formulierenhulp",
            "status": "active",
            "description": "Hulp bij formulieren.",
            "service_areas": [{"id": str(uuid.uuid4()), "name": "Poelenburg"}],
        }
    )
    report = importing.import_hsds(json.dumps([exported]), file_name="regio.json")
    assert (report.organisations, report.services_created) == (1, 1)
    assert report.services_updated == len(exported["services"]) - 1
    assert Service.objects.count() == before + 1
    created = Service.objects.get(uuid=new_id)
    assert created.owner.code == "humanitas-zaanstreek"
    assert [a.code for a in created.areas.all()] == ["poelenburg"]
    assert Service.objects.filter(name="Thuisadministratie (vernieuwd)").exists()


def test_a_new_organisation_is_added_as_a_partner(demo):
    org_id = str(uuid.uuid4())
    document = {
        "contents": [
            {
                "id": org_id,
                "name": "Voedselbank Zaanstad",
                "description": "Voedselpakketten voor wie het nodig heeft.",
                "services": [
                    {"id": str(uuid.uuid4()), "name": "Voedselpakket", "status": "active"}
                ],
            }
        ]
    }
    importing.import_hsds(json.dumps(document), file_name="voedselbank.json")
    organisation = Organisation.objects.get(uuid=org_id)
    assert organisation.kind == Organisation.Kind.PARTNER
    assert organisation.code == "voedselbank-zaanstad"


def test_a_bad_file_is_rejected_whole_with_a_report(client, demo):
    exported = _export(client, "humanitas-zaanstreek")
    exported["services"][0]["name"] = "Zou niet mogen landen"
    broken = {"id": "geen-uuid", "description": "Zonder naam."}
    unknown_wijk = _export(client, "bibliotheek-zaanstad")
    unknown_wijk["services"][0]["service_areas"] = [{"id": str(uuid.uuid4()), "name": "Atlantis"}]
    before = (Service.objects.count(), Organisation.objects.count())

    with pytest.raises(importing.Rejected) as excinfo:
        importing.import_hsds(json.dumps([exported, broken]), file_name="regio.json")
    problems = [str(p) for p in excinfo.value.report.problems]
    assert "regio.json, [1], veld name: Verplicht veld 'name' ontbreekt." in problems
    assert any(p.startswith("regio.json, [1].id, veld id:") for p in problems)

    with pytest.raises(importing.Rejected) as excinfo:
        importing.import_hsds(json.dumps([exported, unknown_wijk]), file_name="regio.json")
    assert [p.reason for p in excinfo.value.report.problems] == [
        "Wijk 'Atlantis' bestaat niet in Wijkregie."
    ]
    # Nothing of either file landed, not even the valid first organisation.
    assert (Service.objects.count(), Organisation.objects.count()) == before
    assert not Service.objects.filter(name="Zou niet mogen landen").exists()


def test_not_json_is_rejected(demo):
    with pytest.raises(importing.Rejected) as excinfo:
        importing.import_hsds(b"\xff niet json", file_name="kapot.json")
    assert excinfo.value.report.problems[0].reason.startswith("Geen geldige JSON")


def test_the_command_line(client, demo, tmp_path, capsys):
    good = tmp_path / "regio.json"
    good.write_text(json.dumps([_export(client, "leger-des-heils")]), encoding="utf-8")
    call_command("socialekaart", "import", str(good))
    assert "regio.json geladen: 1 organisatie(s)" in capsys.readouterr().out
    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps([{"id": str(uuid.uuid4())}]), encoding="utf-8")
    with pytest.raises(CommandError, match=r"fout\.json is geweigerd"):
        call_command("socialekaart", "import", str(bad))
    assert "Verplicht veld 'name' ontbreekt." in capsys.readouterr().err
