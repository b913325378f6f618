"""Logging filters.

Django logs every refused page ("Forbidden (Permission denied): /academy/") on `django.request`
with the exception attached, so each 403 printed a full traceback. A refusal is expected
behaviour, not a fault: keep the one-line warning and drop the traceback.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class PermissionDeniedWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
