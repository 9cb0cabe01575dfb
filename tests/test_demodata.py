"""The demo's data files: each parses, is read by a loader, and is described in the README of
the folder, so a non-programmer can find what to edit."""

from __future__ import annotations

from importlib import resources

import yaml

FOLDER = resources.files("wijkregie").joinpath("demodata")


def test_every_data_file_parses_and_is_described():
    readme = FOLDER.joinpath("README.md").read_text("utf-8")
    names = sorted(p.name for p in FOLDER.iterdir() if p.name.endswith(".yaml"))
    assert names, "no demo data files"
    for name in names:
        assert yaml.safe_load(FOLDER.joinpath(name).read_text("utf-8")), name
        assert f"`{name}`" in readme, f"{name} is not described in demodata/README.md"


def test_every_data_file_is_read_by_a_loader():
    package = resources.files("wijkregie")
    loaders = [app.joinpath("demo.py") for app in package.iterdir() if app.is_dir()]
    loaders.append(package.joinpath("accounts", "services.py"))  # the demo logins
    sources = "\n".join(path.read_text("utf-8") for path in loaders if path.is_file())
    for path in FOLDER.iterdir():
        if path.name.endswith(".yaml"):
            assert f'demodata.load("{path.name[:-5]}")' in sources, path.name
