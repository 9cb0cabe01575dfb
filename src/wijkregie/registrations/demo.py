"""Demo: registration exports for DOCK, Incluzio and SMD (2023–2026, generated, fictional),
imported through the same service as any delivery, so the computed figures appear."""

from __future__ import annotations

import tempfile
from pathlib import Path

from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import generator, services
from wijkregie.registrations.models import ImportRun, Trajectory
from wijkregie.reporting.models import Value

SIZES = {"dock": 130, "incluzio": 110, "smd": 90}  # trajectories started per half-year
#: SMD's first upload was an export with American dates; the report sent it back, the corrected
#: export followed (the demo shows a rejection report next to the imports).
REJECTED_FIRST = "smd"


def _rejected_first(path: Path, organisation: Organisation) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    start = header.index("startdatum")
    broken = [lines[0]]
    for line in lines[1:41]:
        cells = line.split(";")
        day, month, year = cells[start].split("-") if "-" in cells[start] else ("", "", "")
        if len(year) == 4 and int(day) > 12:  # 13-03-2023 written as 03/13/2023
            cells[start] = f"{month}/{day}/{year}"
        broken.append(";".join(cells))
    first = path.with_name(path.stem + "-eerste-versie.csv")
    first.write_text("\n".join(broken) + "\n", encoding="utf-8")
    outcome = services.import_file(
        first, file_name=first.name, organisation=organisation, origin="demo"
    )
    if outcome.status != "rejected":
        raise RuntimeError("The demo's first SMD export should have been rejected.")


def load() -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="wijkregie-demo-") as directory:
        for code, per_half_year in SIZES.items():
            organisation = Organisation.objects.get(code=code)
            if ImportRun.objects.filter(organisation=organisation, source="demo").exists():
                continue  # loaded before: the demo loader is idempotent
            areas = [a.name for a in organisation.areas.order_by("name")]
            path = Path(directory) / f"registraties-{code}-2023-2026.csv"
            generator.write_csv(
                path, generator.rows(code.upper(), areas, per_half_year=per_half_year)
            )
            if code == REJECTED_FIRST:
                _rejected_first(path, organisation)
            outcome = services.import_file(
                path, file_name=path.name, organisation=organisation, origin="demo"
            )
            if outcome.status != "imported":
                raise RuntimeError(f"Demo registrations of {code} rejected: {outcome.as_dict()}")
    return {
        "registration_imports": ImportRun.objects.count(),
        "trajectories": Trajectory.objects.count(),
        # The computed indicators and values join the earlier loaders' counts.
        "indicators": Indicator.objects.count(),
        "indicator values": Value.objects.count(),
    }
