"""Jurisdiction codes: ISO 3166-1 alpha-2 country, optionally an ISO 3166-2 subdivision.

`GB`, `GB-ENG`, `US-CA`, `AE-DU` are valid; the subdivision must belong to the country.
"""

from __future__ import annotations

from functools import cache

import pycountry
from django.core.exceptions import ValidationError


def country_choices() -> list[tuple[str, str]]:
    return sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1])


@cache
def _subdivision_names() -> dict[str, str]:
    return {s.code: s.name for s in pycountry.subdivisions}


def jurisdiction_name(code: str) -> str:
    """A readable name: `GB-ENG` -> `England, United Kingdom`."""
    if not code:
        return ""
    country_code, _, _sub = code.partition("-")
    country = pycountry.countries.get(alpha_2=country_code)
    country_name = country.name if country else country_code
    if "-" in code:
        return f"{_subdivision_names().get(code, code)}, {country_name}"
    return country_name


def validate_jurisdiction(code: str) -> None:
    country_code, dash, _sub = code.partition("-")
    if (
        pycountry.countries.get(alpha_2=country_code.upper()) is None
        or country_code != country_code.upper()
    ):
        raise ValidationError(
            "Use an ISO 3166-1 country code such as GB, US or AE.", code="invalid_country"
        )
    if dash and code not in _subdivision_names():
        raise ValidationError(
            f"{code} is not an ISO 3166-2 subdivision of {country_code} (e.g. GB-ENG, US-CA).",
            code="invalid_subdivision",
        )


def subdivision_choices(country_code: str) -> list[tuple[str, str]]:
    return sorted(
        ((s.code, s.name) for s in pycountry.subdivisions.get(country_code=country_code) or []),
        key=lambda pair: pair[1],
    )
