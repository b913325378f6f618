"""Template filters for catalog pages."""

from __future__ import annotations

import datetime as dt

from django import template

from academy.accounts.models import Profession
from academy.catalog.models import CourseRun
from threadlift.catalog import RunState

register = template.Library()


@register.filter
def state_at(run: CourseRun, now: dt.datetime) -> RunState:
    """The run's state at `now` (see threadlift.catalog.run_state)."""
    return run.state(now)


@register.filter
def profession_names(codes: list[str]) -> str:
    """Profession codes in words: `plastic_surgeon` -> `Plastic surgeon`, joined by commas."""
    labels = dict(Profession.choices)
    return ", ".join(str(labels.get(code, code.replace("_", " "))) for code in codes)
