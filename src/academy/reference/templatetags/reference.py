"""Formatting helpers of the reference pages (ranges in words, record anchors)."""

from __future__ import annotations

from django import template

from academy.reference.selectors import (
    STATUS_TONES,
    STATUSES,
    profession_label,
    record_anchor,
)
from threadlift.knowledge.schemas import MonthRange

register = template.Library()


def _num(value: float) -> str:
    return f"{value:g}"


@register.filter
def months(value: MonthRange | None) -> str:
    """`6–7 months`, `up to 6 months`, `at least 12 months`; empty when no range."""
    if value is None:
        return ""
    low, high = value.min_months, value.max_months
    if low is not None and high is not None:
        return f"{_num(low)} months" if low == high else f"{_num(low)}–{_num(high)} months"
    if high is not None:
        return f"up to {_num(high)} months"
    if low is not None:
        return f"at least {_num(low)} months"
    return ""


@register.filter
def anchor(record_id: str, collection: str) -> str:
    """The fragment id of a record on its page: `{{ zone.id|anchor:"danger_zones" }}`."""
    return record_anchor(collection, record_id)


@register.filter
def profession(value: str) -> str:
    return profession_label(value)


@register.filter
def status_label(value: str) -> str:
    return STATUSES.get(value, value)


@register.filter
def status_tone(value: str) -> str:
    return STATUS_TONES.get(value, "info")


PLANE_LABELS = {
    "dermis": "dermis",
    "subcutaneous": "subcutaneous",
    "smas": "SMAS",
    "sub_smas": "sub-SMAS",
    "periosteal": "periosteal",
}


@register.filter
def plane(value: str) -> str:
    return PLANE_LABELS.get(value, value)
