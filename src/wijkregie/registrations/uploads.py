"""Uploaded files wait here, in a private directory, until their import task has read them;
the task deletes them (raw identifiers never stay on disk). ``wijkregie registraties opruimen``
removes uploads that were never confirmed."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from wijkregie.registrations.models import ImportRun


def directory() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def path_of(run: ImportRun) -> Path:
    return directory() / f"registraties-{run.pk}.upload"


def store(run: ImportRun, upload: UploadedFile) -> Path:
    path = path_of(run)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path
