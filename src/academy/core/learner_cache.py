"""Fragments of a learner's own pages kept in the shared cache, and their invalidation.

A fragment that shows one learner's work is kept under a key naming that learner, the object it
shows and the generations of everything it was built from: the learner's own generation
(`core.cache.learner_generation`), the `learning` generation (course content: modules, authored
lessons and cases, standards, competency rules, DOPS) and the catalog's (runs, courses,
providers). Any saved or deleted row of the apps in APPS (and any enrolment) bumps the learner's
generation when the row names a learner (`learner_id`), the `learning` generation otherwise, at
once and again on commit: a lesson read, an exam finished, a case logged shows on the next view.
A saved practitioner profile bumps its owner's generation too (the dashboard shows it).
Keys name the learner, so no one is ever served another learner's fragment; a fragment holds no
form and no token (the page around it is rendered for each request).

Signals are used for cache invalidation only (STYLE.md): they also catch the staff admin, the
demo loader and a new model or service that would forget them. Bulk writes (`QuerySet.update`,
`bulk_create`) send none: code that uses them must call `content_changed()` or
`learner_changed()` itself. A fragment is kept at most KEPT_SECONDS in the shared cache and
LOCAL_SECONDS more in a process's memory in any case (names of other people shown in it, such
as a signing trainer's, follow within that time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

from academy.core.cache import (
    CATALOG,
    bump_now_and_on_commit,
    digest,
    generations,
    learner_generation,
    memo,
)

LEARNING = "learning"
KEPT_SECONDS = 600
LOCAL_SECONDS = 60
T = TypeVar("T")
APPS = ("learning", "authoring", "logbook")
# Rows of other apps that name the learner they belong to, and the field that names them.
MODELS = (("catalog", "Enrolment", "learner_id"), ("accounts", "PractitionerProfile", "user_id"))


def kept(
    name: str,
    learner_id: int,
    *parts: object,
    build: Callable[[], T],
    also: tuple[str, ...] = (),
) -> T:
    """What `build()` returns for this learner and `parts`, built when missing or stale; `also`
    names further generations it is built from.

    A key names every generation its value was built on, so the value under a key never changes:
    each process also keeps the values it reads in its own memory (LOCAL_SECONDS), which spares
    a round trip to the shared cache on most views (the generations are still read each time).
    """
    current = generations(learner_generation(learner_id), LEARNING, CATALOG, *also)
    key = "fragment:" + digest(name, learner_id, *parts, *current)
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = memo(key, build, timeout=KEPT_SECONDS)
        local.set(key, value, LOCAL_SECONDS)
    return value


def fragment(
    name: str,
    learner_id: int,
    *parts: object,
    build: Callable[[], str],
    also: tuple[str, ...] = (),
) -> SafeString:
    """The HTML fragment `name` for this learner and `parts` (see `kept`)."""
    return mark_safe(kept(name, learner_id, *parts, build=lambda: str(build()), also=also))


def learner_changed(learner_id: int) -> None:
    bump_now_and_on_commit(learner_generation(learner_id))


def content_changed() -> None:
    bump_now_and_on_commit(LEARNING)


def _row_changed(instance: Any = None, **_: Any) -> None:
    learner_id = getattr(instance, "learner_id", None)
    if isinstance(learner_id, int):
        learner_changed(learner_id)
    else:
        content_changed()


def _owned_row_changed(field: str) -> Callable[..., None]:
    def changed(instance: Any = None, **_: Any) -> None:
        learner_changed(getattr(instance, field))

    return changed


def connect() -> None:
    models = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    for model in models:
        uid = f"learner-fragments-{model._meta.label}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=uid + "-delete")
    for label, name, field in MODELS:
        model = apps.get_model(label, name)
        uid = f"learner-fragments-{model._meta.label}"
        handler = _owned_row_changed(field)
        post_save.connect(handler, sender=model, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete", weak=False)
