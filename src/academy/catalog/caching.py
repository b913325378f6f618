"""Caching for catalog pages: keys that name what a page depends on, and their invalidation.

Any saved or deleted catalog row bumps the catalog generation, which every key includes.

Signals are used here for cache invalidation only (no domain behaviour, see STYLE.md): they
also catch writes that do not pass through our services (the staff admin, the demo loader),
and a new service cannot forget them. Bulk writes (`QuerySet.update`, `bulk_create`) send no
signal: code that uses them on these models must call `catalog_changed()` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone

from academy.accounts.models import PractitionerProfile, User
from academy.catalog import selectors
from academy.core.cache import (
    CATALOG,
    bump_now_and_on_commit,
    digest,
    generation,
    knowledge_fingerprint,
    memo,
)

# Trainers' conflict-of-interest declarations (and their relationships), as learners are shown
# them beside a run's materials (learning's run page keeps them in its fragment).
DECLARATIONS = "declarations"

# Run states move with the clock (enrolment opens and closes, seats fill up through writes):
# a cached list is at most this old with respect to the clock, never with respect to a write.
CATALOG_SECONDS = 60


def page_key_parts() -> tuple[object, ...]:
    """What a catalog page depends on besides its URL, its viewer and the catalog generation:
    the date (finished runs leave the list) and the knowledge base (the regulation rules)."""
    return (timezone.localdate(), knowledge_fingerprint())


def eligibility_key(profile: PractitionerProfile | None) -> str:
    """Everything the enrolment rules read from a viewer: two learners with the same profession,
    jurisdiction and verification see the same rows, whoever they are."""
    if profile is None:
        return "no-profile"
    return f"{profile.profession}|{profile.jurisdiction}|{profile.verified}"


def viewer_eligibility_key(user: Any) -> str:
    """`eligibility_key` of the viewer's profile: for a signed-in viewer it is kept with their
    own fragments (a saved profile bumps their generation, core/learner_cache.py), so a view of
    the catalog needs no query for it."""
    from academy.core import learner_cache

    if not isinstance(user, User):
        return eligibility_key(None)
    return learner_cache.kept(
        "catalog/eligibility",
        user.pk,
        build=lambda: eligibility_key(PractitionerProfile.objects.filter(user=user).first()),
    )


def fragment_key(request: HttpRequest) -> str:
    """The key of the catalog's body (filters and results) for this viewer and URL."""
    return digest(
        generation(CATALOG),
        *page_key_parts(),
        request.get_full_path(),
        viewer_eligibility_key(request.user),
    )


def filter_options() -> dict[str, list[str]]:
    """The filter menus' values (two queries), once per catalog generation."""
    return memo(
        f"catalog-options:{generation(CATALOG)}",
        selectors.filter_options,
        timeout=CATALOG_SECONDS * 10,
    )


def catalog_changed(**_: Any) -> None:
    bump_now_and_on_commit(CATALOG)


def declarations_changed(**_: Any) -> None:
    bump_now_and_on_commit(DECLARATIONS)


def connect() -> None:
    from academy.catalog.models import (
        Accreditation,
        Course,
        CourseRun,
        Declaration,
        FinancialRelationship,
        Provider,
    )

    for declared in (Declaration, FinancialRelationship):
        uid = f"declarations-cache-{declared.__name__}"
        post_save.connect(declarations_changed, sender=declared, dispatch_uid=uid + "-save")
        post_delete.connect(declarations_changed, sender=declared, dispatch_uid=uid + "-delete")
    for model in (Provider, Course, Accreditation, CourseRun):
        uid = f"catalog-cache-{model.__name__}"
        post_save.connect(catalog_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        catalog_changed, sender=CourseRun.trainers.through, dispatch_uid="catalog-cache-trainers"
    )
