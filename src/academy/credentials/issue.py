"""Build, sign and store one credential (run by the background task)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from academy.catalog.models import Course
from academy.core import events
from academy.core.tasks import email_enqueue
from academy.cpd import services as cpd_services
from academy.credentials import documents, requirements, rules, signing
from academy.credentials.models import Credential, CredentialAction, CredentialState
from academy.learning import content as learning_content
from threadlift.credentials import credential as cred
from threadlift.credentials import proof, status


def evidence_at_issue(credential: Credential) -> tuple[cred.Evidence, ...]:
    """The requirements as they stand now, all met (else nothing is issued), with the values
    the learner's records show: the credential's criteria and results."""
    assert credential.enrolment is not None
    items = rules.checklist(credential.enrolment)
    if not requirements.all_met(items):
        unmet = "; ".join(f"{i.rule.label} ({i.detail})" for i in items if not i.met)
        raise rules.CannotIssue(f"Not every requirement is met any more: {unmet}")
    # The course evaluation is a condition of issue, not an achievement: the credential does
    # not state it.
    return tuple(item.as_evidence() for item in items if item.rule.kind != rules.EVALUATION_KIND)


def _achievement(credential: Credential) -> cred.AchievementFacts:
    course = credential.course
    accreditation = next(iter(course.accreditations.all()), None)
    # The hours of the run the learner attended (theory and hands-on), not a course-wide figure.
    hours = credential.enrolment.run.total_hours if credential.enrolment else None
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
        evidence=evidence_at_issue(credential),
        materials=tuple(course.material_list),
        designs=tuple(course.design_list),
        cpd_hours=float(hours) if hours else None,
        accrediting_body=accreditation.body if accreditation else "",
        accreditation_reference=accreditation.reference if accreditation else "",
        alignments=_alignments(course),
    )


FRAMEWORK = "Threadlift Academy competency framework"


def _alignments(course: Course) -> tuple[cred.Alignment, ...]:
    """The learning outcomes of the modules the course uses, named in words (the outcome's
    text, with its module), on the public framework page (/knowledge/curriculum/#<outcome>)."""
    page = signing.absolute(reverse("knowledge:curriculum"))
    return tuple(
        cred.Alignment(
            name=f"{view.module.title}: {o.text}",
            url=f"{page}#{o.id}",
            framework=FRAMEWORK,
            code=o.id,
        )
        for view in learning_content.modules_for_course(course)
        for o in view.module.outcomes
    )


def sign_and_store(credential: Credential) -> Credential:
    if credential.learner is None or credential.enrolment is None:
        raise rules.CannotIssue("The learner or enrolment no longer exists.")
    learner = credential.learner
    provider = credential.provider
    issued_at = rules.now()
    facts = cred.CredentialFacts(
        id=signing.absolute(rules.verification_path(credential)),
        issuer_did=signing.academy_did(provider),
        issuer_name=provider.name,
        issuer_url=signing.absolute(
            reverse("catalog:provider", kwargs={"provider_slug": provider.slug})
        ),
        subject_name=learner.full_name,
        subject_id=f"urn:uuid:{credential.subject_id}",
        achievement=_achievement(credential),
        valid_from=issued_at,
        valid_until=rules.expiry_for(credential.course_id, issued_at),
        status=[
            status.entry(signing.status_list_url(provider, p), p, credential.status_index)
            for p in status.PURPOSES
        ],
        covered_labels=tuple(
            documents.tag_label(t)
            for t in [*credential.course.material_list, *credential.course.design_list]
        ),
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
        rules.record(credential.enrolment, CredentialAction.ISSUED, by=None, credential=credential)
        events.emit(
            learner_id=learner.pk,
            verb="earned",
            object=events.Thing(
                "credential",
                str(credential.pk),
                credential.course.title,
                credential.enrolment.run_id,
            ),
            at=issued_at,
            key=f"credential-issued:{credential.pk}",
        )
        cpd_services.credit_award(  # the learner's CPD ledger (issue 21)
            learner=learner,
            run=credential.enrolment.run,
            hours=credential.cpd_hours,
            awarded_on=issued_at.date(),
            evidence_url=facts.id,
            source_ref=str(credential.pk),
            replaces_ref=str(credential.replaces_id) if credential.replaces_id else None,
            now=issued_at,
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
