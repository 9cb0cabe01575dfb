"""Logging filters."""

from __future__ import annotations

import logging


class OneLineDenials(logging.Filter):
    """A refused request (403) is expected traffic, already one row in the audit log: it is
    logged as one line, without the traceback Django attaches."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
