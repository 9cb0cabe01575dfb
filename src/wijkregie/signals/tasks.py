"""Background tasks of the signals app."""

from __future__ import annotations

from django_tasks import task

from wijkregie.signals import facts


@task()
def facts_publish() -> int:
    return facts.publish()
