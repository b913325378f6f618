"""Template filters for catalog pages."""

from __future__ import annotations

import datetime as dt

from django import template

from academy.catalog.models import CourseRun
from threadlift.catalog import RunState

register = template.Library()


@register.filter
def state_at(run: CourseRun, now: dt.datetime) -> RunState:
    """The run's state at `now` (see threadlift.catalog.run_state)."""
    return run.state(now)
