"""The demo's story as data: YAML files in ``wijkregie/demodata/`` that a non-programmer can
read and edit. Each app's demo loader reads its part here and writes it through its services."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed contents of ``demodata/<name>.yaml`` (cached; treat as read-only)."""
    text = resources.files("wijkregie").joinpath("demodata", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)
