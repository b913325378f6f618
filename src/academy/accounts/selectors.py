"""Reads for account pages."""

from __future__ import annotations

from functools import cache

from django.db.models import Count
from django.db.models.functions import Trim, Upper

from academy.accounts.jurisdictions import country_choices, jurisdiction_name, subdivision_choices
from academy.accounts.models import PractitionerProfile
from threadlift.knowledge import load_knowledge

# Subdivisions are offered for the countries whose rules differ by region in the knowledge base.
SUBDIVIDED = ("GB", "US", "AU", "AE", "DE", "CA", "IN", "MY")
# The United Kingdom's four nations are where its rules differ; its councils and boroughs are not
# jurisdictions of their own.
GB_NATIONS = ("GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS")

Choice = tuple[str, str]
Group = tuple[str, list[Choice]]


@cache
def jurisdiction_options() -> list[Choice]:
    """Every jurisdiction a practitioner may choose: countries, then the regions offered."""
    options = list(country_choices())
    for country in SUBDIVIDED:
        options.extend(
            (code, name)
            for code, name in subdivision_choices(country)
            if country != "GB" or code in GB_NATIONS
        )
    return options


@cache
def jurisdiction_groups() -> list[Group]:
    """The platform's jurisdiction list for a select: the jurisdictions our regulation data
    covers first, then every country, then regions by country."""
    covered = sorted({r.jurisdiction for r in load_knowledge().regulations})
    groups: list[Group] = [
        ("With regulation data", [(code, jurisdiction_name(code)) for code in covered])
    ]
    groups.append(("Countries", list(country_choices())))
    for country in SUBDIVIDED:
        regions = [
            (code, name)
            for code, name in subdivision_choices(country)
            if country != "GB" or code in GB_NATIONS
        ]
        groups.append((f"Regions: {jurisdiction_name(country)}", regions))
    return groups


def registration_key(regulator: str, number: str) -> tuple[str, str]:
    return (regulator.strip().upper(), number.strip().upper())


def duplicate_registration_keys() -> set[tuple[str, str]]:
    """(regulator, number) pairs that more than one account gives, platform-wide (one query)."""
    rows = (
        PractitionerProfile.objects.exclude(registration_number="")
        .exclude(regulator="")
        .annotate(reg=Upper(Trim("regulator")), num=Upper(Trim("registration_number")))
        .values("reg", "num")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    return {registration_key(row["reg"], row["num"]) for row in rows}


def other_profiles_with_registration(profile: PractitionerProfile) -> list[PractitionerProfile]:
    if not profile.regulator or not profile.registration_number:
        return []
    return list(
        PractitionerProfile.objects.select_related("user")
        .annotate(reg=Upper(Trim("regulator")), num=Upper(Trim("registration_number")))
        .filter(
            reg=profile.regulator.strip().upper(),
            num=profile.registration_number.strip().upper(),
        )
        .exclude(pk=profile.pk)
    )
