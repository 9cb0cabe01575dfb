"""The latest value per name, kept in this process as the object itself.

For what every request reads and the cache backend would copy: the local-memory cache pickles
on every ``get``, which for a public release of some thousand rows costs more than the rest of
the request. A value is held under a key (a stamp of what it was built from); asking with another
key builds it anew and forgets the old one, so the memory is bounded by the number of names.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_held: dict[str, tuple[str, Any]] = {}


def latest(name: str, key: str, build: Callable[[], T]) -> T:
    """The value of ``name`` for ``key``: the held one, or ``build()`` (then held)."""
    held = _held.get(name)
    if held is not None and held[0] == key:
        return held[1]
    value = build()
    with _lock:
        _held[name] = (key, value)
    return value


def clear() -> None:
    """Forget everything (tests: a rolled-back test leaves the same stamps with other data)."""
    with _lock:
        _held.clear()
