"""The rule import-linter's layers cannot express: an app uses another app only through its
``models``, ``services`` and ``selectors`` (docs/architecture.md, "Layers"). The shared base
(``common``, ``conf``; ``accounts``' permissions and roles) may be used everywhere, and the
composition layer (``api``, ``ui``, ``system``, the root URLconf) wires every app's views,
API and URLs together."""

from __future__ import annotations

import sys

import grimp

PUBLIC = {"models", "services", "selectors"}
SHARED = {"common", "conf"}
SHARED_MODULES = {("accounts", "permissions"), ("accounts", "roles")}
COMPOSITION = {"api", "ui", "system"}


def _crossings() -> list[tuple[str, str]]:
    graph = grimp.build_graph("wijkregie", include_external_packages=False)
    found = []
    for module in sorted(graph.modules):
        parts = module.split(".")
        if len(parts) < 3 or parts[1] in COMPOSITION or "tests" in parts:
            continue
        app = parts[1]
        for imported in graph.find_modules_directly_imported_by(module):
            target = imported.split(".")
            if len(target) < 2 or target[1] == app or target[1] in SHARED:
                continue
            if len(target) >= 3 and (target[2] in PUBLIC or tuple(target[1:3]) in SHARED_MODULES):
                continue
            found.append((module, imported))
    return found


def test_apps_use_each_other_only_through_models_services_and_selectors():
    assert _crossings() == []


def test_the_check_sees_a_crossing_when_there_is_one(monkeypatch):
    # The check can fail: with services treated as internal, their many real uses show up.
    monkeypatch.setattr(sys.modules[__name__], "PUBLIC", {"models", "selectors"})
    assert any(imported.endswith(".services") for _module, imported in _crossings())
