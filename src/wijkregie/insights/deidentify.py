"""De-identification of free text (narratives, case stories) with ``deduce``, before anyone
outside the writing organisation reads it.

The deduce model is loaded once per process (the first load in a fresh environment builds a
lookup cache of ~1 GB, which is kept in ``WIJKREGIE_DEDUCE_CACHE_DIR``); every later call takes
milliseconds. Names, addresses, dates, phone numbers, BSNs, e-mail addresses and ages are
replaced by tags such as ``[PERSOON-1]``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_deduce = None


def _model():
    global _deduce
    with _lock:
        if _deduce is None:
            from deduce import Deduce

            cache = Path(settings.WIJKREGIE_DEDUCE_CACHE_DIR)
            cache.mkdir(parents=True, exist_ok=True)
            logger.info("Loading the deduce de-identification model (cache: %s)", cache)
            _deduce = Deduce(cache_path=cache)
        return _deduce


def deidentify(text: str) -> str:
    """The shareable version of ``text``."""
    if not text.strip():
        return ""
    return _model().deidentify(text).deidentified_text


def warm_up() -> None:
    """Load the model now (a worker or demo start), not on the first request."""
    _model()
