"""Who is calling: a personal API token (`Authorization: Bearer tla_…`) or the browser session.

- A token authenticates its user; a `read` token is refused (403) on unsafe methods.
- The session authenticates the signed-in user; unsafe methods also need Django's CSRF token
  (`X-CSRFToken` header), exactly as the pages' forms do.
- Anonymous callers get 401 on private endpoints. What a signed-in caller may then see or do is
  decided by the same access helpers as the pages (`academy.*.access`).
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from academy.accounts.models import User
from academy.api.errors import ApiError
from academy.api.models import ApiToken
from academy.api.token_failures import record_failure, refuse_if_blocked
from academy.api.tokens import token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _checked_token(request: HttpRequest, secret: str) -> ApiToken | None:
    """The token with this secret, counting a failure against the caller's address."""
    refuse_if_blocked(request)
    token = token_authenticate(secret.strip(), now=timezone.now())
    if token is None:
        record_failure(request)
    return token


def _from_token(request: HttpRequest, secret: str) -> User | None:
    token = _checked_token(request, secret)
    if token is None:
        return None
    if request.method not in SAFE_METHODS and token.scope != "write":
        raise AuthorizationError(
            403, "This token is read-only; create a write token to change data."
        )
    request.api_token = token  # type: ignore[attr-defined]
    return token.user


class BearerToken(HttpBearer):
    """A personal API token, created on /accounts/tokens/."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return _from_token(request, token)


class SessionCookie(APIKeyCookie):
    """The browser session; CSRF is checked here only for unsafe methods of signed-in users."""

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)  # `csrf` tells ninja's docs page to send the CSRF header

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with the session.")
        assert isinstance(user, User)
        return user


signed_in: list[Any] = [BearerToken(), SessionCookie()]
"""`auth=` of every private operation."""


def caller(request: HttpRequest) -> User | None:
    """The caller of a public operation, if any (for eligibility and rate limits).

    A bearer token that is not valid is an error (401) rather than silently anonymous.
    """
    auth = getattr(request, "auth", None)
    if isinstance(auth, User):
        return auth
    if hasattr(request, "_api_caller"):
        return cast(User | None, request._api_caller)
    user: User | None = None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        token = _checked_token(request, secret)
        if token is None:
            raise ApiError(401, "This API token is not valid (unknown or revoked).")
        user = token.user
    elif request.user.is_authenticated:
        assert isinstance(request.user, User)
        user = request.user
    request._api_caller = user  # type: ignore[attr-defined]
    return user


def user_of(request: HttpRequest) -> User:
    """The authenticated user of a private operation (ninja has run `signed_in`)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def confirmed_user_of(request: HttpRequest) -> User:
    """As `user_of`, for operations the pages also keep from unconfirmed addresses (enrolling,
    the clinical toolkit): the same gate as accounts' ConfirmedEmailMiddleware."""
    user = user_of(request)
    if not user.email_confirmed:
        raise ApiError(
            403,
            "Confirm your e-mail address first: follow the link we sent you.",
            code="email_unconfirmed",
        )
    return user


def learner_of(request: HttpRequest) -> User:
    """As `user_of`, for the learner's own records (learning, logbook, practice): the pages'
    `role_required(Role.LEARNER)` gate, a 403 for other roles."""
    from academy.accounts.models import Role

    user = user_of(request)
    if not user.has_role(Role.LEARNER):
        raise ApiError(403, "This is for learners.")
    return user
