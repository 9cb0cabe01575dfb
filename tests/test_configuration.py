"""Settings: declared variables, generated docs, production refusals."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkregie.conf import env
from wijkregie.conf.checks import check_production

ROOT = Path(__file__).resolve().parent.parent
GOOD_SECRET = "x" * 60
GOOD_PSEUDONYM_KEY = "k" * 40


def test_configuration_docs_are_current():
    path = ROOT / "docs" / "configuration.md"
    assert path.read_text(encoding="utf-8") == env.markdown(), (
        "docs/configuration.md is stale: run `wijkregie configuration_docs`"
    )


def test_every_variable_read_by_settings_is_declared():
    settings_sources = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src/wijkregie/conf").glob("*.py")
    )
    import re

    used = set(re.findall(r'env\.get\("([A-Z_]+)"', settings_sources))
    assert used <= set(env.BY_NAME), used - set(env.BY_NAME)
    for variable in env.VARIABLES:
        assert variable.help.strip(), f"{variable.name} has no help text"


@pytest.mark.parametrize(
    ("raw", "value"), [("true", True), ("Ja", True), ("0", False), ("", False), ("off", False)]
)
def test_boolean_variables(monkeypatch, raw, value):
    monkeypatch.setenv("DEBUG", raw)
    assert env.get("DEBUG") is value


def test_invalid_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "misschien")
    with pytest.raises(ValueError, match="DEBUG"):
        env.get("DEBUG")


def test_secrets_fall_back_to_the_demo_data_directory(tmp_path, monkeypatch):
    (tmp_path / "secrets.env").write_text("SECRET_KEY=from-the-data-dir\n", encoding="utf-8")
    monkeypatch.setenv("WIJKREGIE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert env.get("SECRET_KEY") == "from-the-data-dir"
    assert env.get("SECRET_KEY", fallback_to_data_dir=False) is None
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert env.get("SECRET_KEY") == "from-the-environment"


def test_production_accepts_safe_values():
    assert (
        check_production(
            secret_key=GOOD_SECRET,
            debug=False,
            allowed_hosts=["wijkregie.zaanstad.nl"],
            pseudonym_key=GOOD_PSEUDONYM_KEY,
        )
        == []
    )


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"secret_key": None}, "SECRET_KEY"),
        ({"secret_key": "django-insecure-" + "x" * 50}, "SECRET_KEY"),
        ({"secret_key": "short"}, "SECRET_KEY"),
        ({"debug": True}, "DEBUG"),
        ({"allowed_hosts": ["*"]}, "ALLOWED_HOSTS"),
        ({"allowed_hosts": []}, "ALLOWED_HOSTS"),
        ({"pseudonym_key": None}, "WIJKREGIE_PSEUDONYM_KEY"),
    ],
)
def test_production_refuses_unsafe_values(overrides, fragment):
    values = {
        "secret_key": GOOD_SECRET,
        "debug": False,
        "allowed_hosts": ["wijkregie.zaanstad.nl"],
        "pseudonym_key": GOOD_PSEUDONYM_KEY,
        **overrides,
    }
    problems = check_production(**values)
    assert len(problems) == 1 and fragment in problems[0]


def _production_check(extra_env: dict) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "WIJKREGIE_PSEUDONYM_KEY",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    environment.update({"WIJKREGIE_ENV": "production", **extra_env})
    return subprocess.run(
        [sys.executable, "-m", "wijkregie", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_to_start_with_defaults(tmp_path):
    result = _production_check({"WIJKREGIE_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "refuses to start" in result.stderr
    assert "SECRET_KEY" in result.stderr and "ALLOWED_HOSTS" in result.stderr


def test_production_settings_ignore_demo_secrets(tmp_path):
    (tmp_path / "secrets.env").write_text(
        f"SECRET_KEY={GOOD_SECRET}\nWIJKREGIE_PSEUDONYM_KEY={GOOD_PSEUDONYM_KEY}\n",
        encoding="utf-8",
    )
    result = _production_check(
        {"WIJKREGIE_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "wijkregie.example.nl"}
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_settings_start_with_safe_values(tmp_path):
    result = _production_check(
        {
            "WIJKREGIE_DATA_DIR": str(tmp_path),
            "ALLOWED_HOSTS": "wijkregie.example.nl",
            "SECRET_KEY": GOOD_SECRET,
            "WIJKREGIE_PSEUDONYM_KEY": GOOD_PSEUDONYM_KEY,
        }
    )
    assert result.returncode == 0, result.stderr
