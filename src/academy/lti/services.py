"""Every write of the LTI tool: registrations, key rotation, the accepted launch (identity,
rights, grade link), the deep-linking answer.

A launch never gives LMS roles more rights than the person has here: an LMS "Instructor" acts as
an instructor only if their account trains the run or administers its academy; otherwise they
see what a learner sees, and a learner sees a run's pages only while enrolled in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from academy.accounts.models import Role, User
from academy.accounts.services import role_assign
from academy.catalog import policy
from academy.catalog.models import Provider
from academy.lti import grades, keys, targets, tasks, tool
from academy.lti.models import (
    LaunchRole,
    LtiGradeLink,
    LtiIdentity,
    LtiKey,
    LtiLaunch,
    LtiPlatform,
)

log = logging.getLogger(__name__)

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
ROLES_CLAIM = LTI + "roles"
CUSTOM_CLAIM = LTI + "custom"
DEPLOYMENT_CLAIM = LTI + "deployment_id"
MESSAGE_TYPE_CLAIM = LTI + "message_type"
RESOURCE_LINK_CLAIM = LTI + "resource_link"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# LIS role names (membership, institution, system) that ask for an instructor's view.
INSTRUCTOR_ROLES = ("Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant")


class LaunchRefused(Exception):
    """A valid launch the tool still refuses (shown as a 4xx page, logged without secrets)."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def platform_save(*, platform: LtiPlatform, now: dt.datetime) -> LtiPlatform:
    if platform.pk is None:
        platform.created_at = now
    platform.full_clean()
    platform.save()
    keys.signing_key(provider=platform.provider, now=now)  # the JWKS has a key to give it
    return platform


@transaction.atomic
def key_rotate(*, provider: Provider, now: dt.datetime) -> LtiKey:
    """A new signing key; the old ones are retired (still published for keys.GRACE)."""
    LtiKey.objects.filter(provider=provider, retired_at__isnull=True).update(retired_at=now)
    return keys.key_create(provider=provider, now=now)


def asks_for_instructor(lms_roles: list[str]) -> bool:
    return any(role.rpartition("#")[2] in INSTRUCTOR_ROLES for role in lms_roles)


def _new_account_email(claims: dict[str, Any], issuer: str, sub: str) -> str:
    """The LMS's address when no account has it; a placeholder otherwise (never a match: an
    address asserted by an LMS does not prove who owns the account that has it)."""
    email = str(claims.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    if email and not User.objects.filter(email__iexact=email).exists():
        return email
    digest = hashlib.sha256(f"{issuer}\n{sub}".encode()).hexdigest()[:20]
    return f"lti-{digest}@lti.invalid"


def identity_user(*, platform: LtiPlatform, claims: dict[str, Any], now: dt.datetime) -> User:
    """The account matched to this LMS user (issuer + sub), made on the first launch. A new
    account is a learner with no password and an unconfirmed address: the LMS's word on an
    e-mail address is not a confirmation (README, "LTI")."""
    sub = str(claims.get("sub") or "")
    if not sub:
        raise LaunchRefused("The launch names no user (sub).", status=400)
    identity = (
        LtiIdentity.objects.select_related("user").filter(issuer=platform.issuer, sub=sub).first()
    )
    if identity is not None:
        return identity.user
    name = str(claims.get("name") or "").strip()[:150] or "LMS learner"
    user = User.objects.create_user(
        email=_new_account_email(claims, platform.issuer, sub), password=None, full_name=name
    )
    role_assign(user=user, role=Role.LEARNER)
    identity = LtiIdentity(
        issuer=platform.issuer, sub=sub, user=user, platform=platform, created_at=now
    )
    identity.full_clean()
    identity.save()
    return user


@dataclass(frozen=True)
class Accepted:
    launch: LtiLaunch
    redirect_to: str  # where the framed page goes next
    notice: str = ""  # when set, a page says this instead of redirecting


def _service_claims(claims: dict[str, Any]) -> dict[str, Any]:
    keep = (AGS_CLAIM, NRPS_CLAIM, DL_CLAIM, RESOURCE_LINK_CLAIM, LTI + "context")
    return {key: claims[key] for key in keep if key in claims}


@transaction.atomic
def launch_accept(
    *, platform: LtiPlatform, claims: dict[str, Any], state: str, now: dt.datetime
) -> Accepted:
    """Accept a launch pylti1p3 has validated (signature, audience, deployment, nonce used
    once): match the person, decide their role from their rights here, remember the services,
    and say where they go. The one place a launch is accepted (events may be emitted here)."""
    if not tool.state_belongs_to(state=state, platform=platform):
        raise LaunchRefused("The log-in state was not issued for this platform.", status=400)
    user = identity_user(platform=platform, claims=claims, now=now)
    if user.is_staff or user.is_superuser or not user.is_active:
        raise LaunchRefused("This account cannot be used through an LMS.")
    lms_roles = [str(role) for role in claims.get(ROLES_CLAIM) or []]
    message_type = str(claims.get(MESSAGE_TYPE_CLAIM) or "")
    launch = LtiLaunch(
        platform=platform,
        user=user,
        message_type=message_type,
        deployment_id=str(claims.get(DEPLOYMENT_CLAIM) or ""),
        role=LaunchRole.LEARNER,
        lms_roles=lms_roles,
        claims=_service_claims(claims),
        created_at=now,
    )
    if message_type == "LtiDeepLinkingRequest":
        staffed = policy.runs_watched_by(user).filter(course__provider=platform.provider_id)
        if not (asks_for_instructor(lms_roles) and staffed.exists()):
            raise LaunchRefused(
                "Only this academy's trainers and admins can place its content in a course."
            )
        launch.role = LaunchRole.INSTRUCTOR
        launch.full_clean()
        launch.save()
        return Accepted(launch, reverse("lti:deep_link", args=[launch.pk]))

    custom = claims.get(CUSTOM_CLAIM) or {}
    key = str(custom.get(targets.CUSTOM_KEY, "")) if isinstance(custom, dict) else ""
    try:
        target = targets.resolve(key, provider_id=platform.provider_id)
    except targets.TargetError as exc:
        raise LaunchRefused(str(exc), status=404) from None
    launch.target, launch.run = target.key, target.run
    if asks_for_instructor(lms_roles) and policy.watches_run(user, target.run):
        launch.role = LaunchRole.INSTRUCTOR
    launch.full_clean()
    launch.save()
    if launch.role == LaunchRole.INSTRUCTOR:
        return Accepted(launch, target.instructor_url)

    notice = ""
    if asks_for_instructor(lms_roles):
        notice = (
            "Your LMS lists you as an instructor, but this account does not train this run: "
            "you see what a learner sees."
        )
    enrolled = policy.enrolment_for_learner(user, target.run.pk) is not None
    if target.kind != "exercise" and not enrolled:
        return Accepted(
            launch,
            reverse("catalog:run", args=[target.run.pk]),
            notice=(notice + " " if notice else "")
            + f"You are not enrolled in “{target.run.course.title}” on Threadlift Academy yet.",
        )
    link = _grade_link(launch=launch, target=target, claims=claims)
    if link is not None:
        tasks.sync_enqueue(link=link)
    return Accepted(launch, target.learner_url, notice=notice)


def _grade_link(
    *, launch: LtiLaunch, target: targets.Target, claims: dict[str, Any]
) -> LtiGradeLink | None:
    endpoint = claims.get(AGS_CLAIM) or {}
    if target.kind not in targets.GRADED or not isinstance(endpoint, dict):
        return None
    scopes = [str(scope) for scope in endpoint.get("scope") or []]
    lineitem = str(endpoint.get("lineitem") or "")
    if not lineitem or SCORE_SCOPE not in scopes:
        return None
    link, _ = LtiGradeLink.objects.update_or_create(
        platform=launch.platform,
        user=launch.user,
        lineitem=lineitem,
        defaults={
            "target": target.key,
            "run": target.run,
            "scopes": scopes,
            "sub": str(claims.get("sub")),
        },
    )
    return link


def deep_link_response(
    *, launch: LtiLaunch, chosen: list[targets.Target], launch_url: str, now: dt.datetime
) -> tuple[str, str]:
    """The signed LtiDeepLinkingResponse for the chosen items and where to post it."""
    settings_claim = launch.claims.get(DL_CLAIM) or {}
    resources = []
    for target in chosen:
        resource = (
            DeepLinkResource()
            .set_url(launch_url)
            .set_title(target.title)
            .set_custom_params({targets.CUSTOM_KEY: target.key})
        )
        if target.kind in targets.GRADED:
            resource.set_lineitem(
                LineItem()
                .set_label(target.title)
                .set_score_maximum(grades.score_maximum(target))
                .set_resource_id(target.key)
            )
        resources.append(resource)
    registration = tool.registration_for(launch.platform, now=now)
    deep_link = DeepLink(registration, launch.deployment_id, settings_claim)  # type: ignore[arg-type]
    return str(settings_claim["deep_link_return_url"]), deep_link.get_response_jwt(resources)
