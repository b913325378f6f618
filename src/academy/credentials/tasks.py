"""The background task that signs certificates (academy.core.tasks' framework)."""

from __future__ import annotations

from django_tasks import task

from academy.credentials.issue import sign_and_store
from academy.credentials.models import Credential, CredentialState


@task()
def issue_credential(*, credential_id: str) -> str:
    credential = (
        Credential.objects.select_related(
            "provider", "course__provider", "learner", "enrolment__run"
        )
        .filter(
            pk=credential_id,
            state=CredentialState.QUEUED,
            learner__isnull=False,
            enrolment__isnull=False,
        )
        .first()
    )
    if credential is None:
        return "nothing to do"
    sign_and_store(credential)
    return "issued"
