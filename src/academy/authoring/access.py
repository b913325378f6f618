"""Who may write an academy's own content: the provider's academy admins and the trainers who
teach one of its runs. Everyone else is refused (403 without the role, 404 for another academy's
provider or item). Views never filter by provider themselves."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.authoring.models import MODELS, AuthoredItem, StatedReference
from academy.catalog import policy
from academy.catalog.models import Provider

AUTHOR_ROLES = (Role.ACADEMY_ADMIN, Role.TRAINER)


def providers_for_author(user: User) -> QuerySet[Provider]:
    """The providers `user` may write content for (403 without an admin or trainer role)."""
    if not any(user.has_role(role) for role in AUTHOR_ROLES):
        raise PermissionDenied("This page is for academy admins and trainers.")
    return policy.academies_staffed_by(user)


def get_provider_for_author(user: User, provider_id: int) -> Provider:
    return get_object_or_404(providers_for_author(user), pk=provider_id)


def model_of(kind: str) -> type[AuthoredItem]:
    if kind not in MODELS:
        raise Http404("No such kind of content.")
    return MODELS[kind]


def get_item_for_author(user: User, provider: Provider, kind: str, pk: int) -> AuthoredItem:
    """An item of `provider` (already checked with `get_provider_for_author`)."""
    return get_object_or_404(model_of(kind).objects.filter(provider=provider), pk=pk)


def references_of(provider: Provider) -> list[StatedReference]:
    return list(StatedReference.objects.filter(provider=provider))
