"""`{% logbook_run_sections run user as lb %}`: the workspace include needs only run and user."""

from __future__ import annotations

from typing import Any

from django import template

from academy.logbook.workspace import run_sections

register = template.Library()


@register.simple_tag
def logbook_run_sections(run: Any, user: Any) -> dict[str, Any]:
    return run_sections(user, run)
