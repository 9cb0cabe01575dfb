"""The one de-identification function of Wijkregie, and the writes around it.

``deidentify`` runs the engine with deduce and the allow-list of the registers. It is called
only where the model may live — the task worker, the command line, the demo loader and the
tests; a web worker never loads deduce. Web requests call ``request_shared_versions`` (the
shared fields are emptied and a task fills them) or ``preview_request``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from wijkregie.deidentification import registry, selectors
from wijkregie.deidentification.engine import Deidentifier, Result
from wijkregie.deidentification.models import MarkedDetail, Preview

# Apps register their shared (de-identified) text fields in ``AppConfig.ready`` through here.
from wijkregie.deidentification.registry import SharedField, register  # noqa: F401

logger = logging.getLogger(__name__)


def deidentifier() -> Deidentifier:
    """The engine with deduce (loaded once per process) and today's allow-list."""
    from wijkregie.deidentification.model import common_words, deduce_model

    cache = settings.WIJKREGIE_DEDUCE_CACHE_DIR
    return Deidentifier(
        selectors.allow_list(), model=deduce_model(cache), common_words=common_words(cache)
    )


def deidentify(text: str, *, marked: list[str] | tuple[str, ...] = ()) -> Result:
    """The shareable version of ``text`` with the spans that were removed."""
    return deidentifier().run(text, marked)


def warm_up() -> None:
    """Load the model now (a worker or demo start), not on the first text."""
    deidentifier()


#: Sent (``sender``: the model) after the task worker wrote shared versions: readers that cache
#: pages showing them (the dashboard's stories) learn that those pages are stale.
shared_versions_written = Signal()


# --- stored texts --------------------------------------------------------------------------------
def request_shared_versions(obj: models.Model) -> None:
    """After ``obj``'s texts changed: its shared versions are withheld (emptied) until the task
    worker has made new ones. Readers outside the writing organisation see "being prepared"."""
    from wijkregie.deidentification.tasks import deidentify_objects

    label = obj._meta.label_lower
    _model, fields = registry.lookup(label)
    type(obj).objects.filter(pk=obj.pk).update(**{f.shared: "" for f in fields})
    deidentify_objects.enqueue(label, [obj.pk])
    # Pending ("") with a worker; already made where tasks run at once (tests, one process).
    obj.refresh_from_db(fields=[f.shared for f in fields])


def request_shared_versions_for(model: type[models.Model], pks: list[int]) -> None:
    """The same for many objects of one model in one task (e.g. a delivery's values)."""
    from wijkregie.deidentification.tasks import deidentify_objects

    if not pks:
        return
    label = model._meta.label_lower
    _model, fields = registry.lookup(label)
    model.objects.filter(pk__in=pks).update(**{f.shared: "" for f in fields})
    deidentify_objects.enqueue(label, list(pks))


def shared_versions_refresh(label: str, pks: list[int] | None = None) -> int:
    """Make the shared versions of the given objects (all when ``pks`` is None) with the
    current rules and allow-list. Returns the number of objects written."""
    model, fields = registry.lookup(label)
    engine = deidentifier()
    rows = model.objects.all() if pks is None else model.objects.filter(pk__in=pks)
    written = 0
    for obj in rows.iterator(chunk_size=500):
        marked = selectors.marked_terms(label, obj.pk)
        changes = {}
        for f in fields:
            source = f.text_of(obj)
            changes[f.shared] = engine.run(source, marked).text if source.strip() else ""
        # Only if the texts did not change meanwhile (a newer task follows then).
        unchanged = {f.source: getattr(obj, f.source) for f in fields if isinstance(f.source, str)}
        written += model.objects.filter(pk=obj.pk, **unchanged).update(**changes)
    if written:
        shared_versions_written.send(sender=model, count=written)
    return written


def request_missing_shared_versions() -> int:
    """Queue every object whose shared version is missing (a text stored while no worker ran,
    or before this version of Wijkregie): the worker's start calls this."""
    from django.db.models import Q

    from wijkregie.deidentification.tasks import deidentify_objects

    queued = 0
    for label, (model, fields) in registry.registered().items():
        missing = Q(pk__in=[])
        for f in fields:
            missing |= Q(**{f.shared: ""}) & f.with_text()
        pks = [
            obj.pk
            for obj in model.objects.filter(missing).iterator()
            if any(f.text_of(obj).strip() and not getattr(obj, f.shared) for f in fields)
        ]
        for start in range(0, len(pks), 500):
            deidentify_objects.enqueue(label, pks[start : start + 500])
        queued += len(pks)
    return queued


def refresh_everything() -> dict[str, int]:
    """Re-run de-identification over every stored shared text (after the rules or the
    allow-list changed), so that old stories are protected too."""
    return {label: shared_versions_refresh(label) for label in registry.registered()}


@transaction.atomic
def marked_details_set(obj: models.Model, terms: list[str], *, user) -> None:
    """The writer's marked details for ``obj``: exactly ``terms`` (one detail per entry)."""
    label = obj._meta.label_lower
    wanted = {t.strip()[:200] for t in terms if t.strip()}
    existing = MarkedDetail.objects.filter(model_label=label, object_id=obj.pk)
    existing.exclude(term__in=wanted).delete()
    have = set(existing.values_list("term", flat=True))
    MarkedDetail.objects.bulk_create(
        [
            MarkedDetail(model_label=label, object_id=obj.pk, term=t, marked_by=user)
            for t in sorted(wanted - have)
        ]
    )


def marked_details_remove(obj: models.Model) -> None:
    MarkedDetail.objects.filter(model_label=obj._meta.label_lower, object_id=obj.pk).delete()


# --- previews ------------------------------------------------------------------------------------
PREVIEW_LIFETIME = dt.timedelta(hours=1)


def preview_request(*, user, text: str, marked: list[str]) -> Preview:
    """Ask the task worker for the shared version of an unsaved text."""
    from wijkregie.deidentification.tasks import make_preview

    Preview.objects.filter(created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
    preview = Preview.objects.create(requested_by=user, text=text, marked=marked)
    make_preview.enqueue(str(preview.pk))
    preview.refresh_from_db()
    return preview


def preview_make(preview_id: str) -> None:
    preview = Preview.objects.filter(pk=preview_id).first()
    if preview is None:
        return
    result = deidentify(preview.text, marked=preview.marked)
    Preview.objects.filter(pk=preview_id).update(
        shared=result.text,
        spans=[s.as_dict() for s in result.spans],
        text="",  # the raw text is not kept longer than needed
        done=True,
    )
