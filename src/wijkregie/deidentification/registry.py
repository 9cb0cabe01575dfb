"""Which stored texts are shared in a de-identified version, registered by the app that owns
them (in its ``AppConfig.ready``), so this app imports no capability app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class SharedField:
    """``shared`` holds the de-identified version of ``source`` (an attribute name, or a
    function of the object for a text that depends on other fields)."""

    source: str | Callable[[models.Model], str]
    shared: str
    #: For a computed source: which rows have a text at all (a filter on the source fields).
    has_text: models.Q | None = None

    def with_text(self) -> models.Q:
        if self.has_text is not None:
            return self.has_text
        return ~models.Q(**{self.source: ""})

    def text_of(self, obj: models.Model) -> str:
        return self.source(obj) if callable(self.source) else getattr(obj, self.source) or ""


_REGISTRY: dict[str, tuple[type[models.Model], tuple[SharedField, ...]]] = {}


def register(model: type[models.Model], *fields: SharedField) -> None:
    _REGISTRY[model._meta.label_lower] = (model, tuple(fields))


def registered() -> dict[str, tuple[type[models.Model], tuple[SharedField, ...]]]:
    return dict(_REGISTRY)


def lookup(label: str) -> tuple[type[models.Model], tuple[SharedField, ...]]:
    try:
        return _REGISTRY[label]
    except KeyError:
        raise LookupError(f"no shared text registered for {label}") from None
