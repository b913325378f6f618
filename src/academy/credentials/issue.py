"""Build, sign and store one credential (run by the background task)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from academy.core.tasks import email_enqueue
from academy.credentials import services, signing
from academy.credentials.models import Credential, CredentialAction, CredentialState
from threadlift.credentials import credential as cred
from threadlift.credentials import proof, status


def _achievement(credential: Credential) -> cred.AchievementFacts:
    course = credential.course
    policy = services.policy_of_course(credential.course_id)
    accreditation = next(iter(course.accreditations.all()), None)
    hours = credential.enrolment.run.total_hours if credential.enrolment else None
    if accreditation is not None and accreditation.credit_type == "cpd_hours":
        hours = accreditation.credit_amount
    credential.cpd_hours = hours
    return cred.AchievementFacts(
        id=signing.absolute(
            reverse(
                "catalog:course",
                kwargs={"provider_slug": course.provider.slug, "course_slug": course.slug},
            )
        ),
        name=course.title,
        description=course.summary,
        criteria=policy.criteria
        or "Met every completion requirement the academy set for this course.",
        materials=tuple(course.material_list),
        designs=tuple(course.design_list),
        cpd_hours=float(hours) if hours else None,
        accrediting_body=accreditation.body if accreditation else "",
        accreditation_reference=accreditation.reference if accreditation else "",
        alignments=tuple(
            cred.Alignment(
                name=str(item.get("name", "")),
                url=str(item.get("url", "")),
                framework="Threadlift Academy competency framework",
                code=str(item.get("code", "")),
            )
            for item in policy.competencies
            if isinstance(item, dict) and item.get("name") and item.get("url")
        ),
        supervised_cases=policy.supervised_cases,
        dops_level=policy.dops_level,
    )


def sign_and_store(credential: Credential) -> Credential:
    if credential.learner is None or credential.enrolment is None:
        raise services.CannotIssue("The learner or enrolment no longer exists.")
    learner = credential.learner
    provider = credential.provider
    issued_at = services.now()
    facts = cred.CredentialFacts(
        id=signing.absolute(services.verification_path(credential)),
        issuer_did=signing.academy_did(provider),
        issuer_name=provider.name,
        issuer_url=signing.absolute(
            reverse("catalog:provider", kwargs={"provider_slug": provider.slug})
        ),
        subject_name=learner.full_name,
        subject_id=f"urn:uuid:{credential.subject_id}",
        achievement=_achievement(credential),
        valid_from=issued_at,
        valid_until=services.expiry_for(credential.course_id, issued_at),
        status=[
            status.entry(signing.status_list_url(provider, p), p, credential.status_index)
            for p in status.PURPOSES
        ],
    )
    key = signing.active_key(provider)
    document = proof.sign(
        cred.build_credential(facts), signing.private_pem(key), signing.method_id(key)
    )
    with transaction.atomic():
        credential.document = document
        credential.state = CredentialState.ISSUED
        credential.issued_at = issued_at
        credential.valid_until = facts.valid_until
        credential.save()
        services.record(
            credential.enrolment, CredentialAction.ISSUED, by=None, credential=credential
        )
        email_enqueue(
            to=[learner.email],
            subject=f"Your certificate: {credential.course.title}",
            template="credentials/email/issued.txt",
            context={
                "credential": credential,
                "verify_url": facts.id,
                "wallet_url": signing.absolute(reverse("credentials:wallet")),
            },
        )
    return credential
