"""Repository habits that must hold at every commit."""

import io
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "wijkregie" / "locale"


def test_no_missing_migrations(db):
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit as exc:  # makemigrations --check exits 1 when changes are missing
        pytest.fail(f"Model changes without a migration:\n{output.getvalue()} ({exc})")


def test_dutch_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "nl/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"Untranslated Dutch strings: {untranslated}"
    assert not fuzzy, f"Fuzzy Dutch strings: {fuzzy}"
    obsolete = [entry.msgid for entry in catalogue.obsolete_entries()]
    assert not obsolete, f"Obsolete entries: {obsolete}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_compiled_catalogue_matches_source(language):
    source = polib.pofile(str(LOCALE / f"{language}/LC_MESSAGES/django.po"))
    compiled = polib.mofile(str(LOCALE / f"{language}/LC_MESSAGES/django.mo"))
    expected = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in source.translated_entries()
    }
    actual = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in compiled if e.msgid
    }
    assert actual == expected, "django.mo is stale: run `make messages`"


def test_every_template_string_is_in_the_catalogue(tmp_path):
    """Run makemessages on a copy and compare: a new UI string without a translation fails."""
    import shutil
    import subprocess
    import sys

    if not shutil.which("xgettext"):
        pytest.fail("xgettext (Debian package gettext) is needed for this check")
    copy = tmp_path / "wijkregie"
    shutil.copytree(ROOT / "src" / "wijkregie", copy, ignore=shutil.ignore_patterns("tests"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--ignore", "tests/*"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "wijkregie.conf.ci"},
    )
    fresh = {
        e.msgid
        for e in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    committed = {e.msgid for e in polib.pofile(str(LOCALE / "nl/LC_MESSAGES/django.po"))}
    assert fresh == committed, (
        f"Catalogue out of date: new {fresh - committed}, gone {committed - fresh}"
    )


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "LICENSE",
        "publiccode.yml",
        "CHANGELOG.md",
        "docs/architecture.md",
        "docs/glossary.md",
        "docs/commission-register.md",
        "docs/data-formats.md",
        "docs/chains.md",
        "docs/configuration.md",
        "docs/operations.md",
        "docs/adr/0001-stack.md",
        ".ci/run",
    ],
)
def test_repository_files_exist(path):
    assert (ROOT / path).is_file(), f"{path} is missing"
