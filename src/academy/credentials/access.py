"""Access helpers for certificates. Views never filter by owner themselves.

- Anyone: the DID documents, status lists and the verification page of an issued credential.
- A learner: their own credentials and checklists.
- An academy admin: the credentials and enrolments of the providers they administer, only.
"""

from __future__ import annotations

import uuid

from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import Enrolment, Provider
from academy.catalog.policy import providers_for_admin
from academy.credentials.models import Credential, CredentialState


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404("No such credential.") from None


def get_provider_by_slug(slug: str) -> Provider:
    return get_object_or_404(Provider, slug=slug)


def get_public_credential(credential_id: str) -> Credential:
    return get_object_or_404(
        Credential.objects.select_related("provider"),
        pk=_uuid(credential_id),
        state=CredentialState.ISSUED,
    )


def credentials_for_learner(user: User) -> QuerySet[Credential]:
    return Credential.objects.filter(learner=user).select_related("course", "provider")


def get_credential_for_learner(user: User, credential_id: str) -> Credential:
    return get_object_or_404(
        credentials_for_learner(user), pk=_uuid(credential_id), state=CredentialState.ISSUED
    )


def get_enrolment_for_checklist(user: User, enrolment_id: int) -> Enrolment:
    """One of the learner's own enrolments (`policy.get_enrolment_for_learner`), with the marks
    its checklist reads."""
    enrolment = policy.get_enrolment_for_learner(user, enrolment_id)
    prefetch_related_objects([enrolment], "marks")
    return enrolment


def credentials_for_admin(user: User) -> QuerySet[Credential]:
    """Raises PermissionDenied for anyone who is not an academy admin."""
    return Credential.objects.filter(provider__in=providers_for_admin(user)).select_related(
        "course", "provider", "learner"
    )


def get_credential_for_admin(user: User, credential_id: str) -> Credential:
    return get_object_or_404(credentials_for_admin(user), pk=_uuid(credential_id))


def get_enrolment_for_admin(user: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("run__course__provider", "learner")
        .prefetch_related("marks")
        .filter(run__course__provider__in=providers_for_admin(user)),
        pk=enrolment_id,
    )
