"""What each role's dashboard shows: only things that exist, counted with a few queries."""

from __future__ import annotations

from typing import Any

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus


def dashboard_for(user: User) -> dict[str, Any]:
    context: dict[str, Any] = {"roles": user.roles}
    context["profile"] = (
        PractitionerProfile.objects.filter(user=user).select_related("verified_by").first()
    )
    context["enrolments"] = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("run", "run__course", "run__course__provider")
        .order_by("run__starts_on")
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
