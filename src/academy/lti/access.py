"""Who may see what of the LTI tool. Views never filter by owner themselves.

- An academy's registrations and keys: that academy's admins only (403 without the role, 404
  for another academy's).
- A launch's pages (deep-linking picker, roster): the person launched, and only while the
  launch's instructor role is still backed by their rights here (404 otherwise).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import Provider
from academy.lti.models import LaunchRole, LtiLaunch, LtiPlatform


def academies_for_admin(user: User) -> QuerySet[Provider]:
    return policy.providers_for_admin(user)


def get_academy_for_admin(user: User, provider_id: int) -> Provider:
    return policy.get_provider_for_admin(user, provider_id)


def platforms_for_admin(user: User) -> QuerySet[LtiPlatform]:
    return LtiPlatform.objects.select_related("provider").filter(
        provider__in=policy.providers_for_admin(user)
    )


def get_platform_for_admin(user: User, platform_id: int) -> LtiPlatform:
    return get_object_or_404(platforms_for_admin(user), pk=platform_id)


def get_instructor_launch(user: User, launch_id: int, message_type: str) -> LtiLaunch:
    """The user's own instructor launch of this type, its rights checked again now."""
    launch = get_object_or_404(
        LtiLaunch.objects.select_related("platform", "platform__provider", "run", "run__course"),
        pk=launch_id,
        user=user,
        role=LaunchRole.INSTRUCTOR,
        message_type=message_type,
        platform__active=True,
    )
    watched = policy.runs_watched_by(user).filter(course__provider=launch.platform.provider_id)
    if launch.run is not None:
        watched = watched.filter(pk=launch.run.pk)
    if not watched.exists():
        raise Http404("No launch of yours with this id.")
    return launch
