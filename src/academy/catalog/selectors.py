"""Public catalog reads, shared by the pages and the JSON API: a bounded number of queries
whatever the number of runs. What one shows, the other shows (archived courses hidden, an
enrolled learner's unpublished run reachable, the run's venue rule in every decision)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from academy.accounts.models import PractitionerProfile, User
from academy.catalog import access
from academy.catalog.eligibility import decision_for
from academy.catalog.models import Accreditation, Course, CourseRun, CourseRunQuerySet, Provider
from academy.catalog.vocab import Mode
from threadlift.catalog import EnrolmentDecision, practitioner_eligibility
from threadlift.knowledge import load_knowledge

PAGE_SIZE = 20
"""Runs per page of the catalog, on the page and in the API."""

SORTS = {
    "start": ("starts_on", "id"),
    "price": ("price", "starts_on", "id"),
    "-price": ("-price", "starts_on", "id"),
    "-hands_on": ("-hands_on_hours", "starts_on", "id"),
}


@dataclass(frozen=True)
class RunRow:
    run: CourseRun
    state: str
    state_label: str
    decision: EnrolmentDecision | None


def catalog_runs(
    filters: dict[str, Any], *, profile: PractitionerProfile | None, now: dt.datetime
) -> CourseRunQuerySet:
    """Published, not finished runs matching the filters (already cleaned by the form)."""
    runs = CourseRun.objects.published().filter(ends_on__gte=now.date())
    if q := filters.get("q"):
        runs = runs.filter(Q(course__title__icontains=q) | Q(course__provider__name__icontains=q))
    if country := filters.get("country"):
        runs = runs.filter(country=country)
    if mode := filters.get("mode"):
        runs = runs.filter(mode=mode)
    if material := filters.get("material"):
        runs = runs.filter(course__materials__contains=f" {material} ")
    if body := filters.get("accreditation"):
        runs = runs.filter(course__accreditations__body=body).distinct()
    if date_from := filters.get("date_from"):
        runs = runs.filter(starts_on__gte=date_from)
    if date_to := filters.get("date_to"):
        runs = runs.filter(starts_on__lte=date_to)
    if (price_min := filters.get("price_min")) is not None:
        runs = runs.filter(price__gte=price_min)
    if (price_max := filters.get("price_max")) is not None:
        runs = runs.filter(price__lte=price_max)
    if currency := filters.get("currency"):
        runs = runs.filter(currency=currency)
    if filters.get("live_models"):
        runs = runs.filter(live_models_guaranteed=True)
    if filters.get("eligible") and profile is not None:
        runs = eligible_only(runs, profile)
    if filters.get("open_only"):
        runs = runs.open_for_enrollment(now=now)
    return runs.order_by(*SORTS.get(filters.get("sort") or "start", SORTS["start"]))


def eligible_only(runs: CourseRunQuerySet, profile: PractitionerProfile) -> CourseRunQuerySet:
    """The SQL form of the enrolment rules' blocking reasons (see threadlift.catalog)."""
    regulation = practitioner_eligibility(
        load_knowledge(), profession=profile.profession, jurisdiction=profile.jurisdiction
    )
    if regulation.status == "may_not":
        return runs.none()
    runs = runs.filter(course__professions__contains=f" {profile.profession} ")
    if not profile.verified:
        runs = runs.filter(course__provider__allows_unverified=True)
    barred = venue_countries_barring(profile)
    if barred:
        # The venue's rule (eligibility.hands_on_venue): hands-on in person, in a barred country.
        runs = runs.exclude(Q(hands_on=True) & ~Q(mode=Mode.ONLINE) & Q(country__in=barred))
    return runs


def venue_countries_barring(profile: PractitionerProfile) -> list[str]:
    """Countries whose regulation data says this profession may not perform thread lifts there,
    apart from the learner's own country (whose record the home rule already applied)."""
    kb = load_knowledge()
    home = profile.jurisdiction.strip().upper().split("-", 1)[0]
    countries = {r.jurisdiction for r in kb.regulations if "-" not in r.jurisdiction}
    return sorted(
        code
        for code in countries - {home}
        if practitioner_eligibility(kb, profession=profile.profession, jurisdiction=code).status
        == "may_not"
    )


def rows_for(
    runs: list[CourseRun], *, profile: PractitionerProfile | None, now: dt.datetime
) -> list[RunRow]:
    rows = []
    for run in runs:
        state = run.state(now)
        rows.append(
            RunRow(
                run=run,
                state=state.value,
                state_label=state.label,
                decision=decision_for(profile, run.course, run),
            )
        )
    return rows


def filter_options() -> dict[str, list[str]]:
    """Values that exist, for the filter menus (two queries)."""
    countries = list(
        CourseRun.objects.published()
        .exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )
    bodies = list(
        Accreditation.objects.filter(course__published=True)
        .order_by("body")
        .values_list("body", flat=True)
        .distinct()
    )
    return {"countries": countries, "bodies": bodies}


def runs_for_compare(ids: list[int]) -> list[CourseRun]:
    by_id = {r.pk: r for r in CourseRun.objects.published().for_catalog().filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def public_run(user: User | AnonymousUser | None, run_id: int) -> CourseRun:
    """A published run for anyone; an unpublished one for the learners on it (404 otherwise)."""
    return access.get_run_for_viewer(user if user is not None else AnonymousUser(), run_id)


def run_decision(profile: PractitionerProfile | None, run: CourseRun) -> EnrolmentDecision | None:
    """May this practitioner join this run: the course's rules, their home rules and the rules
    of the country where the run's hands-on practice takes place."""
    return decision_for(profile, run.course, run)


def course_decision(
    profile: PractitionerProfile | None, course: Course
) -> EnrolmentDecision | None:
    """May this practitioner take this course at all (no run, so no venue yet)."""
    return decision_for(profile, course)


def public_provider(provider_slug: str) -> Provider:
    return get_object_or_404(Provider, slug=provider_slug)


def provider_courses(provider: Provider) -> QuerySet[Course]:
    """The provider's courses the catalog shows: published and not archived."""
    return (
        provider.courses.filter(published=True, archived=False)
        .select_related("provider")
        .prefetch_related("accreditations")
    )


def public_course(provider_slug: str, course_slug: str) -> Course:
    """A published, not archived course (404 otherwise)."""
    return get_object_or_404(
        Course.objects.select_related("provider").prefetch_related("accreditations"),
        provider__slug=provider_slug,
        slug=course_slug,
        published=True,
        archived=False,
    )


def course_runs(course: Course, *, now: dt.datetime) -> list[CourseRun]:
    """The course's published runs that have not ended, soonest first."""
    return list(
        CourseRun.objects.published()
        .for_catalog()
        .filter(course=course, ends_on__gte=now.date())
        .order_by("starts_on", "id")
    )
