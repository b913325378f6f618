"""Outcomes of treated cases: rates with honest intervals, and tables that never reveal a
small group (issue 22's registry statistics, pure and Django-free)."""

from threadlift.outcomes.intervals import Rate, rate, wilson_interval
from threadlift.outcomes.registry import (
    ANY,
    DIMENSIONS,
    CaseOutcome,
    Published,
    RateTable,
    Row,
    distance_table,
    rate_table,
)
from threadlift.outcomes.suppression import Table, suppress

__all__ = [
    "ANY",
    "DIMENSIONS",
    "CaseOutcome",
    "Published",
    "Rate",
    "RateTable",
    "Row",
    "Table",
    "distance_table",
    "rate",
    "rate_table",
    "suppress",
    "wilson_interval",
]
