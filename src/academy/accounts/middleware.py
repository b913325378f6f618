"""Two gates every request passes after log-in.

- SecondFactorMiddleware: a session that needs a second factor and has not given one reaches
  only the second-factor pages and log-out; everything else sends it to verify (or to set one up
  first). JSON API calls get a 403 in the API's error shape instead of a redirect.
- ConfirmedEmailMiddleware: enrolling and the clinical toolkit need a confirmed e-mail address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode
from django_otp import user_has_device

from academy.accounts.models import User
from academy.accounts.second_factor import second_factor_pending

Middleware = Callable[[HttpRequest], HttpResponse]

# URL names an unverified session may still open.
SECOND_FACTOR_OPEN = {
    "accounts:mfa_setup",
    "accounts:mfa_verify",
    "accounts:logout",
    "accounts:confirm_email",
    "core:healthz",
}
# URL names (or whole namespaces, "ns:*") that need a confirmed e-mail address.
CONFIRMED_EMAIL_NEEDED = {"clinic:*", "catalog:enrol"}


def _view_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match else ""


def _signed_in_user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    # From here on the request holds the user itself, not Django's and django-otp's lazy
    # wrappers around it (loaded now, as every page needs it): each later read of an attribute
    # (access helpers, navigation, templates) is then a plain lookup instead of two proxies.
    user = request.user = _unwrapped(user)
    if not user.is_authenticated:
        return None
    assert isinstance(user, User)
    return user


def _unwrapped(user: Any) -> Any:
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class SecondFactorMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = _signed_in_user(request)
        if user is None or _view_name(request) in SECOND_FACTOR_OPEN:
            return None
        if not second_factor_pending(request):
            return None
        message = "Your account needs a second factor: enter a code from your authenticator app."
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": {"code": "second_factor_required", "message": message, "fields": {}}},
                status=403,
            )
        target = "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return redirect(reverse(target) + query)


class ConfirmedEmailMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = _signed_in_user(request)
        if user is None or user.email_confirmed:
            return None
        name = _view_name(request)
        if name not in CONFIRMED_EMAIL_NEEDED and f"{name.partition(':')[0]}:*" not in (
            CONFIRMED_EMAIL_NEEDED
        ):
            return None
        messages.warning(
            request,
            "Please confirm your e-mail address first: follow the link we sent you, "
            "or ask for a new one below.",
        )
        return redirect("accounts:confirm_email_needed")
