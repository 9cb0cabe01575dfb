"""deduce, loaded once per process that de-identifies (the task worker, the command line, the
test session) — never in a web worker. The first load in a fresh environment builds a lookup
cache of ~1 GB in ``WIJKREGIE_DEDUCE_CACHE_DIR`` (one to three minutes); later loads take
seconds and each text milliseconds."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_deduce = None

#: deduce's tags → the engine's kinds.
KINDS = {
    "persoon": "persoon",
    "patient": "persoon",
    "locatie": "locatie",
    "instelling": "instelling",
    "ziekenhuis": "instelling",
    "datum": "datum",
    "leeftijd": "leeftijd",
    "telefoonnummer": "telefoon",
    "emailadres": "email",
    "url": "url",
    "bsn": "bsn",
    "id": "nummer",
}


def load(cache_dir: str | Path):
    global _deduce
    with _lock:
        if _deduce is None:
            from deduce import Deduce

            cache = Path(cache_dir)
            cache.mkdir(parents=True, exist_ok=True)
            logger.info("Loading the deduce de-identification model (cache: %s)", cache)
            _deduce = Deduce(cache_path=cache)
            # deduce configures the root logger at DEBUG on import; Wijkregie's logging rules.
            logging.getLogger().setLevel(logging.WARNING)
        return _deduce


@functools.cache
def common_words(cache_dir: str | Path) -> frozenset[str]:
    """deduce's lists of common Dutch words (whitelist, common and stop words)."""
    structs = load(cache_dir).lookup_structs
    words: set[str] = set()
    for name in ("whitelist", "common_word", "stop_word"):
        if name in structs:
            words |= {w.lower() for w in structs[name].items()}
    return frozenset(words)


def deduce_model(cache_dir: str | Path):
    """A model for ``engine.Deidentifier``: deduce's annotations as (start, end, kind)."""
    deduce = load(cache_dir)

    def annotate(text: str) -> Iterable[tuple[int, int, str]]:
        for annotation in deduce.deidentify(text).annotations:
            kind = KINDS.get(annotation.tag.split("_")[0].split("-")[0])
            if kind:
                yield annotation.start_char, annotation.end_char, kind

    return annotate
