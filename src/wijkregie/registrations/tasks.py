"""The background task of a web upload: import the stored file, then delete it."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from wijkregie.registrations import services, uploads
from wijkregie.registrations.models import ImportRun
from wijkregie.registrations.workflow import WORKFLOW

log = logging.getLogger(__name__)


@task()
def import_upload(run_id: int) -> str:
    run = ImportRun.objects.select_related("organisation", "profile", "started_by").get(pk=run_id)
    path = uploads.path_of(run)
    try:
        if not path.exists():
            raise FileNotFoundError("upload gone")  # never the file name: it may hold anything
        outcome = services.import_file(
            path,
            file_name=run.file_name,
            organisation=run.organisation,
            profile=run.profile,
            user=run.started_by,
            origin="web",
            run=run,
            progress=lambda rows: ImportRun.objects.filter(pk=run_id).update(processed=rows),
        )
        return outcome.status
    except Exception:
        log.exception("Registration import %s failed", run_id)
        current = ImportRun.objects.get(pk=run_id)
        if WORKFLOW.allowed(current, ImportRun.Status.FAILED):
            WORKFLOW.move(
                current,
                ImportRun.Status.FAILED,
                note=_("Stopped by an unexpected error; nothing is stored."),
                fields={"finished_at": timezone.now()},
            )
        return "failed"
    finally:
        path.unlink(missing_ok=True)  # raw identifiers never stay on disk
