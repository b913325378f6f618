"""What each role's dashboard shows: only things that exist, counted with a few queries."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.core import learner_cache


def learner_panels(user: User) -> str:
    """The practitioner profile and the courses: the user's own, the same whoever asks (no form,
    no token), so kept as a learner fragment (core/learner_cache.py: a saved profile or
    enrolment, or a changed run, course or provider, shows on the next view)."""
    context = {
        "profile": PractitionerProfile.objects.filter(user=user).first(),
        "enrolments": list(
            Enrolment.objects.filter(learner=user)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .select_related("run", "run__course", "run__course__provider")
            .order_by("run__starts_on")
        ),
    }
    return render_to_string("core/_dashboard_learner.html", context)


def dashboard_for(user: User) -> dict[str, Any]:
    context: dict[str, Any] = {"roles": user.roles}
    context["learner_panels"] = learner_cache.fragment(
        "core/dashboard", user.pk, build=lambda: learner_panels(user)
    )
    if user.has_role(Role.TRAINER):
        context["teaching"] = list(
            CourseRun.objects.filter(trainers=user, published=True)
            .select_related("course", "course__provider")
            .order_by("starts_on")
        )
        context["trainer"] = TrainerProfile.objects.filter(user=user).first()
    if user.has_role(Role.ACADEMY_ADMIN):
        context["providers"] = list(user.administered_providers.all())
    if user.has_role(Role.VERIFIER):  # the platform-wide queue is for verifiers only
        context["unverified_count"] = PractitionerProfile.objects.filter(verified=False).count()
        context["practitioner_count"] = PractitionerProfile.objects.count()
    return context
