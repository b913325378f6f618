"""Who may download an academy's packages: whoever may write its content (its academy admins
and the trainers of its runs, `academy.authoring.access`). Anyone else is refused: 403 without
the role, 404 for another academy."""

from __future__ import annotations

from academy.accounts.models import User
from academy.authoring.access import AUTHOR_ROLES, get_provider_for_author
from academy.catalog.models import Provider

EXPORT_ROLES = AUTHOR_ROLES


def get_provider_for_export(user: User, provider_id: int) -> Provider:
    return get_provider_for_author(user, provider_id)
