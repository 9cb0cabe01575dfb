"""Writes of the survey app: the import (all or nothing). Other apps use this module."""

from __future__ import annotations

from wijkregie.surveys import importing
from wijkregie.surveys.importing import Outcome


def survey_import(
    *, form: bytes, form_name: str, answers: bytes, answers_name: str, name: str | None = None
) -> Outcome:
    """Import a questionnaire (XLSForm) and the responses of its waves (long CSV)."""
    return importing.import_survey(
        form=form, form_name=form_name, answers=answers, answers_name=answers_name, name=name
    )
