"""Outcomes of treated cases: rates with honest intervals, and tables that never reveal a
small group (issue 22's registry statistics, pure and Django-free)."""

from threadlift.outcomes.intervals import Rate, rate, wilson_interval
from threadlift.outcomes.suppression import Table, suppress

__all__ = ["Rate", "Table", "rate", "suppress", "wilson_interval"]
