"""Deployment checks (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.caches, deploy=True)
def cache_is_shared(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Pages are invalidated through the cache: every server process must see the same one."""
    default: Any = settings.CACHES["default"]
    if "locmem" not in str(default.get("BACKEND", "")).lower():
        return []
    return [
        CheckWarning(
            "CACHE_URL is not set, so each process caches pages in its own memory: after a "
            "change made through one process, another may show the old catalog for up to a "
            "minute.",
            hint="Set CACHE_URL=redis://host:6379/0 when more than one process serves the site.",
            id="academy.W001",
        )
    ]
