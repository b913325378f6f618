"""Reads of credentials, shared by the pages and the JSON API: the learner's own credentials
(the wallet) and the public verification of one (the certificate page). Access is the
credentials' (`academy.credentials.access`)."""

from __future__ import annotations

from django.db.models import QuerySet

from academy.accounts.models import User
from academy.credentials import access, verification
from academy.credentials.models import Credential
from threadlift.credentials.verify import Outcome


def my_credentials(user: User) -> QuerySet[Credential]:
    """Every credential of the learner, newest first."""
    return access.credentials_for_learner(user).order_by("-created_at")


def public_verification(credential_id: str) -> tuple[Credential, Outcome]:
    """An issued credential (404 otherwise, an id that is not a UUID included) and the platform's
    own check of it, as a third party would make it."""
    credential = access.get_public_credential(credential_id)
    return credential, verification.check(credential)
