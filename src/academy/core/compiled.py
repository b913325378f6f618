"""A query of fixed shape asked on every request, compiled to SQL once instead of every time.

Django builds and compiles a queryset's SQL on each evaluation; for the small access checks a
signed-in page makes on every view (does this learner learn on this run?) that costs more than
the query itself (issue 25). `Compiled` takes the queryset written with the ORM as usual, with
marker values where the request's values go, compiles it once per database connection's vendor,
and then runs the same SQL with the real values in the markers' places. The ORM stays the one
definition of the query; the markers must each appear exactly once among the compiled
parameters (checked when compiling), so a value can never land in the wrong place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import QuerySet


class Compiled:
    """`build(*markers)` returns the queryset; `exists(*values)` asks it with `values`."""

    def __init__(self, build: Callable[..., QuerySet[Any]], markers: tuple[int, ...]) -> None:
        self.build = build
        self.markers = markers
        self._by_vendor: dict[str, tuple[str, list[Any], tuple[int, ...]]] = {}

    def _compiled(self) -> tuple[str, list[Any], tuple[int, ...]]:
        vendor = connection.vendor
        found = self._by_vendor.get(vendor)
        if found is None:
            query = self.build(*self.markers).values("pk")[:1].query
            sql, params = query.get_compiler(connection=connection).as_sql()
            params = list(params)
            slots = []
            for marker in self.markers:
                at = [i for i, p in enumerate(params) if p == marker and type(p) is int]
                if len(at) != 1:
                    raise ValueError(f"marker {marker} appears {len(at)} times in {sql!r}")
                slots.append(at[0])
            found = self._by_vendor[vendor] = (sql, params, tuple(slots))
        return found

    def exists(self, *values: int) -> bool:
        """Whether the queryset built with `values` for the markers has a row, in one query."""
        sql, params, slots = self._compiled()
        bound = list(params)
        for slot, value in zip(slots, values, strict=True):
            bound[slot] = int(value)
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            return cursor.fetchone() is not None
