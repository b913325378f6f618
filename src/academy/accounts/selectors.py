"""Reads for account pages."""

from __future__ import annotations

from functools import cache

from academy.accounts.jurisdictions import country_choices, subdivision_choices

# Subdivisions are offered for the countries whose rules differ by region in the knowledge base;
# any valid ISO 3166-2 code is still accepted when typed.
SUBDIVIDED = ("GB", "US", "AU", "AE", "DE", "CA", "IN", "MY")


@cache
def jurisdiction_options() -> list[tuple[str, str]]:
    options = list(country_choices())
    for country in SUBDIVIDED:
        options.extend(subdivision_choices(country))
    return [(code, name) for code, name in options]
