"""Demo indicators for Zaanstad (``demodata/indicators.yaml``): few, plainly defined, some
deliberately weak (the lint finds them). Idempotent: matched on code."""

from __future__ import annotations

from decimal import Decimal

from wijkregie.accounts.models import User
from wijkregie.commission.models import Requirement
from wijkregie.common import demodata
from wijkregie.common.periods import period_range
from wijkregie.indicators import services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Theme

DATA = demodata.load("indicators")
INDICATORS: list[dict] = DATA["indicators"]
DECIMAL_FIELDS = ("factor", "minimum", "maximum")
#: Municipal targets per half-year from 2024H1 (code → value).
TARGETS: dict[str, Decimal] = {code: Decimal(str(v)) for code, v in DATA["targets"].items()}


def load() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(is_active=True)}
    themes = {t.code: t for t in Theme.objects.all()}
    requirements = {r.code: r for r in Requirement.objects.all()}
    created = 0
    by_code = {i.code: i for i in Indicator.objects.all()}
    for spec in INDICATORS:
        if spec["code"] in by_code:
            continue
        data = {
            key: Decimal(str(value)) if key in DECIMAL_FIELDS and value is not None else value
            for key, value in spec.items()
        }
        theme_codes = data.pop("themes", [])
        requirement_codes = data.pop("requirements", [])
        owner = data.pop("owner", None)
        for part in ("numerator", "denominator"):
            if part in data:
                data[part] = by_code[data[part]]
        indicator = Indicator(owner=users.get(owner) if owner else None, **data)
        services.save_indicator(
            indicator,
            user=users.get("contractmanager"),
            reason="Vastgesteld in het ontwikkeloverleg (demo).",
            themes=[themes[c] for c in theme_codes if c in themes],
            requirements=[requirements[c] for c in requirement_codes if c in requirements],
        )
        by_code[indicator.code] = indicator
        created += 1
    for code, value in TARGETS.items():
        for period in period_range("2024H1", "2026H2"):
            services.set_target(by_code[code], period=str(period), value=value)
    return {"indicators": Indicator.objects.count()}
