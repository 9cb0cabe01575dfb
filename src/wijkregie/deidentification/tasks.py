"""Background tasks: the task worker holds the de-identification model, web workers do not."""

from __future__ import annotations

from django_tasks import task

from wijkregie.deidentification import services


@task()
def deidentify_objects(label: str, pks: list[int]) -> int:
    return services.shared_versions_refresh(label, pks)


@task()
def make_preview(preview_id: str) -> None:
    services.preview_make(preview_id)


@task()
def refresh_everything() -> dict[str, int]:
    return services.refresh_everything()
