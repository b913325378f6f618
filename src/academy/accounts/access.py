"""Access helpers: every private view goes through one of these.

Anonymous users are sent to the log-in page; signed-in users without the role get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User

View = TypeVar("View", bound=Callable[..., HttpResponse])

WHO = {
    Role.LEARNER: "learners",
    Role.TRAINER: "trainers",
    Role.ACADEMY_ADMIN: "academy admins",
    Role.VERIFIER: "registration verifiers",
}


def page_is_for(roles: tuple[Role, ...]) -> str:
    """The reason a 403 page gives: "This page is for academy admins." """
    return f"This page is for {' and '.join(WHO.get(role, role.label) for role in roles)}."


def _require(request: HttpRequest, roles: tuple[Role, ...]) -> User | HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assert isinstance(user, User)
    if roles and not any(user.has_role(role) for role in roles):
        raise PermissionDenied(page_is_for(roles))
    return user


def login_required(view: View) -> View:
    return role_required()(view)


def role_required(*roles: Role) -> Callable[[View], View]:
    """Allow signed-in users holding any of `roles` (any signed-in user when none are given)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            outcome = _require(request, roles)
            if isinstance(outcome, HttpResponse):
                return outcome
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def login_required_back_to(url_name: str, *kwarg_names: str) -> Callable[[View], View]:
    """Like `login_required`, but an anonymous visitor comes back to `url_name` after logging in
    (for POST-only actions, whose own URL would answer a GET with 405)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                back = reverse(url_name, kwargs={k: kwargs[k] for k in kwarg_names})
                return redirect_to_login(back)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def get_profile_for_user(user: User) -> PractitionerProfile | None:
    return PractitionerProfile.objects.filter(user=user).first()


def get_trainer_profile_for_user(user: User) -> TrainerProfile:
    if not user.has_role(Role.TRAINER):
        raise PermissionDenied("Only trainers have a trainer profile.")
    trainer, _ = TrainerProfile.objects.get_or_create(user=user)
    return trainer


def practitioner_profiles_for_verifier(user: User) -> QuerySet[PractitionerProfile]:
    """Every practitioner profile, for platform verifiers only (academy admins see results on
    their rosters, never the register of everyone)."""
    if not user.has_role(Role.VERIFIER):
        raise PermissionDenied("This page is for registration verifiers.")
    return PractitionerProfile.objects.select_related("user", "verified_by")


def get_practitioner_profile_for_verifier(user: User, profile_id: int) -> PractitionerProfile:
    return get_object_or_404(practitioner_profiles_for_verifier(user), pk=profile_id)
