"""The tool's protocol endpoints and the pages a launch opens inside the LMS's frame.

- `/lti/jwks.json`: the tool's public keys. `/lti/login/`: the OIDC log-in the LMS starts.
- `/lti/launch/`: the LMS posts the signed id_token here; pylti1p3 checks it (state cookie,
  format, nonce used once, registration and audience, signature from the LMS's key set, expiry,
  deployment, message claims), `services.launch_accept` does the rest.
- `/lti/deep-link/<id>/`: an instructor picks what to place; the answer is a signed JWT posted
  back to the LMS. `/lti/roster/<id>/`: the LMS's roster (Names and Role Provisioning).
Every refusal is a 4xx page saying why, logged without tokens.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.names_roles import NamesRolesProvisioningService

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.catalog import policy
from academy.lti import access, framing, keys, services, targets, tool
from academy.lti.models import LaunchRole, LtiIdentity

log = logging.getLogger(__name__)

BACKEND = "academy.accounts.backends.UserWithRolesBackend"  # as settings.AUTHENTICATION_BACKENDS


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def refuse(
    request: HttpRequest, reason: str, *, status: int = 400, issuer: str = ""
) -> HttpResponse:
    """A clear refusal page inside the frame; the log line has the reason, never a token."""
    log.warning("LTI refused (%s) issuer=%r: %s", status, issuer[:200], reason)
    response = render(request, "lti/refused.html", {"reason": reason}, status=status)
    return framing.allow(response, framing.registered_origins())


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    response = JsonResponse({"keys": keys.published(now=timezone.now())})
    response["Cache-Control"] = "public, max-age=300"
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def oidc_login(request: HttpRequest) -> HttpResponse:
    issuer = str(request.POST.get("iss") or request.GET.get("iss") or "")
    login_request, conf = tool.oidc_login(request)
    try:
        response = login_request.pass_params_to_launch({"started": True}).redirect(
            request.build_absolute_uri(reverse("lti:launch"))
        )
    except (LtiException, OIDCException) as exc:
        return refuse(request, _public(exc, "The log-in request was refused."), issuer=issuer)
    assert conf.platform is not None
    return framing.allow(response, framing.platform_origins(conf.platform))


def _public(exc: Exception, default: str) -> str:
    """pylti1p3's reason, which names no secret ("Invalid Nonce", "Signature has expired")."""
    message = str(exc).strip()
    return f"{default} {message}." if message and len(message) < 300 else default


@csrf_exempt
@never_cache
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    message_launch, conf = tool.message_launch(request)
    try:
        claims: dict[str, Any] = dict(message_launch.get_launch_data())
    except LtiException as exc:
        issuer = conf.platform.issuer if conf.platform else ""
        status = 403 if "Registration not found" in str(exc) else 400
        return refuse(
            request, _public(exc, "This launch was refused."), status=status, issuer=issuer
        )
    except Exception as exc:  # a key set that cannot be fetched or read
        log.warning("LTI launch failed: %s", type(exc).__name__)
        return refuse(request, "This launch could not be checked.", status=400)
    platform = conf.platform
    assert platform is not None
    try:
        accepted = services.launch_accept(
            platform=platform,
            claims=claims,
            state=str(request.POST.get("state", "")),
            now=timezone.now(),
        )
    except services.LaunchRefused as exc:
        return refuse(request, exc.message, status=exc.status, issuer=platform.issuer)
    login(request, accepted.launch.user, backend=BACKEND)
    origins = framing.platform_origins(platform)
    request.session[framing.SESSION_KEY] = origins
    row = accepted.launch
    instructor_page = row.role == LaunchRole.INSTRUCTOR and row.run_id is not None
    if accepted.notice or instructor_page:
        has_roster = services.NRPS_CLAIM in row.claims
        context = {"accepted": accepted, "notice": accepted.notice, "has_roster": has_roster}
        response = render(request, "lti/landing.html", context)
    else:
        response = redirect(accepted.redirect_to)
    return framing.allow(response, origins)


@login_required
@require_http_methods(["GET", "POST"])
def deep_link(request: HttpRequest, launch_id: int) -> HttpResponse:
    user = _user(request)
    launch_row = access.get_instructor_launch(user, launch_id, "LtiDeepLinkingRequest")
    runs = (
        policy.runs_watched_by(user)
        .filter(course__provider=launch_row.platform.provider_id)
        .select_related("course")
        .order_by("starts_on", "id")
    )
    offered = {run.pk: targets.choices_for_run(run) for run in runs}
    error = ""
    if request.method == "POST":
        keys_chosen = request.POST.getlist("item")
        allowed = {c.key for choices in offered.values() for c in choices}
        if not keys_chosen:
            error = "Choose at least one item to place in your course."
        elif not set(keys_chosen) <= allowed:
            error = "Choose only from the items listed."
        else:
            chosen = [
                targets.resolve(key, provider_id=launch_row.platform.provider_id)
                for key in keys_chosen
            ]
            return_url, token = services.deep_link_response(
                launch=launch_row,
                chosen=chosen,
                launch_url=request.build_absolute_uri(reverse("lti:launch")),
                now=timezone.now(),
            )
            response = render(
                request,
                "lti/deep_link_return.html",
                {"return_url": return_url, "token": token, "chosen": chosen},
            )
            response["Content-Security-Policy"] = _with_form_action(return_url)
            return response
    return render(
        request,
        "lti/deep_link.html",
        {
            "launch": launch_row,
            "runs": [(run, offered[run.pk]) for run in runs],
            "error": error,
            "chosen": set(request.POST.getlist("item")),
        },
        status=400 if error else 200,
    )


def _with_form_action(return_url: str) -> str:
    return str(settings.CONTENT_SECURITY_POLICY).replace(
        "form-action 'self'", f"form-action 'self' {framing.origin(return_url)}"
    )


@login_required
@require_GET
def roster(request: HttpRequest, launch_id: int) -> HttpResponse:
    user = _user(request)
    launch_row = access.get_instructor_launch(user, launch_id, "LtiResourceLinkRequest")
    service = launch_row.claims.get(services.NRPS_CLAIM)
    members: list[dict[str, Any]] = []
    error = ""
    if not isinstance(service, dict) or not service.get("context_memberships_url"):
        error = "This LMS did not offer its roster with this launch."
    else:
        try:
            nrps = NamesRolesProvisioningService(
                tool.service_connector(launch_row.platform, now=timezone.now()),
                service,  # type: ignore[arg-type]
            )
            members = [dict(m) for m in nrps.get_members()][:500]
        except Exception as exc:
            log.warning(
                "LTI roster from %s failed: %s", launch_row.platform.issuer, type(exc).__name__
            )
            error = "The LMS did not give its roster just now. Try again in a moment."
    linked = set(
        LtiIdentity.objects.filter(
            issuer=launch_row.platform.issuer,
            sub__in=[str(m.get("user_id", "")) for m in members],
        ).values_list("sub", flat=True)
    )
    rows = [
        {
            "name": str(m.get("name") or m.get("user_id") or ""),
            "email": str(m.get("email") or ""),
            "roles": ", ".join(str(r).rpartition("#")[2] for r in m.get("roles") or []),
            "status": str(m.get("status") or "Active"),
            "linked": str(m.get("user_id", "")) in linked,
        }
        for m in members
    ]
    return render(
        request,
        "lti/roster.html",
        {"launch": launch_row, "rows": rows, "error": error},
        status=502 if error and service else 200,
    )
