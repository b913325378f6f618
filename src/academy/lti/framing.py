"""Launches open inside the LMS's frame: the frame is allowed for the registered platforms only.

A launch remembers in the session the origins of the LMS it came from; while it does, the
session's pages may be framed by those origins (CSP frame-ancestors) and by nobody else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from academy.lti.models import LtiPlatform

SESSION_KEY = "lti_frame_ancestors"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def platform_origins(platform: LtiPlatform) -> list[str]:
    found = {origin(platform.issuer), origin(platform.auth_login_url)}
    return sorted(o for o in found if o)


def registered_origins() -> list[str]:
    found: set[str] = set()
    for issuer, login_url in LtiPlatform.objects.filter(active=True).values_list(
        "issuer", "auth_login_url"
    ):
        found.update({origin(issuer), origin(login_url)})
    return sorted(o for o in found if o)


def allow(response: HttpResponse, origins: Iterable[str]) -> HttpResponse:
    """Let `origins` (and this site) frame the response; nobody else."""
    sources = " ".join(["'self'", *origins])
    policy = str(response.get("Content-Security-Policy", ""))
    if not policy:
        policy = str(settings.CONTENT_SECURITY_POLICY)
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    parts = [p for p in parts if not p.startswith("frame-ancestors")]
    parts.append(f"frame-ancestors {sources}")
    response["Content-Security-Policy"] = "; ".join(parts)
    response.xframe_options_exempt = True
    if "X-Frame-Options" in response:
        del response["X-Frame-Options"]
    return response


class LtiFrameMiddleware:
    """Placed before (outside) the CSP middleware: relaxes frame-ancestors for a session that
    came through a launch, to that launch's LMS origins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response
        origins = session.get(SESSION_KEY)
        if origins and str(response.get("Content-Type", "")).startswith("text/html"):
            allow(response, [str(o) for o in origins])
        return response
