"""Identifiers in words, for every page: `{% load wording %}` then `{{ value|words }}`."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def words(value: object) -> str:
    """`sub_smas` → `sub smas`, `lateral-left` → `lateral left` (the case is kept: chain
    `|capfirst` to start a sentence or a table cell, as the clinical pages do)."""
    return str(value).replace("_", " ").replace("-", " ")
