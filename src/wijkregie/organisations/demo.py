"""Zaanstad demo data: the municipality, the three team organisations with their twelve wijken
(as in the Dimensus survey of 2024), the survey's sub-themes, partners and Wmo providers — read
from ``demodata/organisations.yaml`` and written through ``organisations.services``.

Loading is idempotent: records are matched on their code and updated in place (with an audit
event for what changed). Wmo providers are fictional and labelled as such.
"""

from __future__ import annotations

from typing import Any

from wijkregie.common import demodata
from wijkregie.organisations import services
from wijkregie.organisations.models import Area, Organisation, Theme

DATA: dict[str, Any] = demodata.load("organisations")
MUNICIPALITY_CODE: str = DATA["municipality_code"]
#: The wijken per team organisation code.
AREAS: dict[str, list[str]] = DATA["wijken"]


def _slug(name: str) -> str:
    return (
        name.lower().replace("/", "-").replace(" en ", "-en-").replace(" ", "-").replace("--", "-")
    )


def _ensure(model, create, update, subject: str, code: str, data: dict[str, Any]):
    """Create the record, or bring an existing one in line with the data file."""
    existing = model.objects.filter(code=code).first()
    if existing is None:
        return create(data={"code": code, **data})
    changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
    if not changed:
        return existing
    return update(**{subject: existing}, expected_version=existing.version, data=changed)


def load() -> dict[str, int]:
    by_code: dict[str, Organisation] = {}
    for row in DATA["organisations"]:
        data = dict(row)
        code = data.pop("code")
        parent = data.pop("parent", None)
        data["parent"] = by_code[parent] if parent else None
        data.setdefault("active", True)
        data.setdefault("website", "")
        by_code[code] = _ensure(
            Organisation,
            services.organisation_create,
            services.organisation_update,
            "organisation",
            code,
            data,
        )
    for organisation_code, names in AREAS.items():
        for name in names:
            _ensure(
                Area,
                services.area_create,
                services.area_update,
                "area",
                _slug(name),
                {
                    "name": name,
                    "cbs_code": DATA.get("cbs_codes", {}).get(_slug(name), ""),
                    "municipality_code": MUNICIPALITY_CODE,
                    "responsible_organisation": by_code[organisation_code],
                },
            )
    for order, row in enumerate(DATA["themes"], start=1):
        data = dict(row)
        code = data.pop("code")
        _ensure(
            Theme,
            services.theme_create,
            services.theme_update,
            "theme",
            code,
            {**data, "order": order},
        )
    return {
        "organisations": Organisation.objects.count(),
        "areas": Area.objects.count(),
        "themes": Theme.objects.count(),
    }


def load_people() -> dict[str, int]:
    """The demo logins (``demodata/users.yaml``), each a member of its organisation."""
    from wijkregie.accounts.models import Membership
    from wijkregie.accounts.services import demo_login_ensure, demo_logins

    users = demo_logins()
    for demo in users:
        Membership.objects.get_or_create(
            user=demo_login_ensure(demo),
            organisation=Organisation.objects.get(code=demo.organisation),
            role=demo.role,
        )
    return {"users": len(users)}
