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
