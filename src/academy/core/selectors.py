"""What each role's dashboard shows: only things that exist, counted with a few queries."""

from __future__ import annotations

from typing import Any

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User


def dashboard_for(user: User) -> dict[str, Any]:
    context: dict[str, Any] = {"roles": user.roles}
    context["profile"] = (
        PractitionerProfile.objects.filter(user=user).select_related("verified_by").first()
    )
    if user.has_role(Role.TRAINER):
        context["trainer"] = TrainerProfile.objects.filter(user=user).first()
    if user.has_role(Role.ACADEMY_ADMIN):
        context["unverified_count"] = PractitionerProfile.objects.filter(verified=False).count()
        context["practitioner_count"] = PractitionerProfile.objects.count()
    return context
