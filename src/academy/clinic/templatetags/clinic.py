"""Small display helpers for the clinical toolkit pages."""

from __future__ import annotations

from django import template

register = template.Library()

TONES = {
    "suitable": "ok",
    "caution": "warn",
    "not_suitable": "bad",
    "info": "info",
    "routine": "ok",
    "review_days": "warn",
    "urgent": "bad",
    "emergency": "bad",
}


@register.filter
def tone(value: str) -> str:
    """The badge tone (ok, warn, bad, info) of a verdict, severity or urgency."""
    return TONES.get(str(value), "info")
