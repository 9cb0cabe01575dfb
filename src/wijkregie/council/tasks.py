"""Background tasks of the council report."""

from __future__ import annotations

from django_tasks import task

from wijkregie.council import services


@task()
def build_report(pk: int) -> None:
    services.build(pk)
