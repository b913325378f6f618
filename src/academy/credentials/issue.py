"""Build, sign and store one credential (run by the background task)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from academy.catalog.models import Course
from academy.core.tasks import email_enqueue
from academy.credentials import services, signing
from academy.credentials.models import Credential, CredentialAction, CredentialState
from academy.learning import content as learning_content
from academy.logbook.models import Case as LogbookCase
from academy.logbook.models import Dops
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
        alignments=_alignments(course, policy.competencies),
        supervised_cases=policy.supervised_cases,
        dops_level=policy.dops_level,
        **_logbook_record(credential),
    )


FRAMEWORK = "Threadlift Academy competency framework"


def _alignments(course: Course, chosen: object) -> tuple[cred.Alignment, ...]:
    """The academy's own list when it gave one; else the learning outcomes of the modules the
    course uses, on the public framework page (/knowledge/curriculum/#<outcome>)."""
    given = tuple(
        cred.Alignment(
            name=str(item.get("name", "")),
            url=str(item.get("url", "")),
            framework=FRAMEWORK,
            code=str(item.get("code", "")),
        )
        for item in (chosen if isinstance(chosen, list) else [])
        if isinstance(item, dict) and item.get("name") and item.get("url")
    )
    if given:
        return given
    page = signing.absolute(reverse("knowledge:curriculum"))
    return tuple(
        cred.Alignment(name=o.text, url=f"{page}#{o.id}", framework=FRAMEWORK, code=o.id)
        for view in learning_content.modules_for_course(course)
        for o in view.module.outcomes
    )


def _logbook_record(credential: Credential) -> dict[str, int | None]:
    """What the learner's logbook shows for this course: signed cases and the highest signed
    DOPS global rating. Nothing is claimed that the logbook does not show."""
    if credential.learner_id is None:
        return {"achieved_cases": None, "achieved_dops_level": None}
    mine = {"learner_id": credential.learner_id, "run__course_id": credential.course_id}
    cases = LogbookCase.objects.filter(signed_at__isnull=False, **mine).count()
    best = Dops.objects.filter(
        signed_at__isnull=False,
        overall__isnull=False,
        **{f"case__{key}": value for key, value in mine.items()},
    ).aggregate(best=Max("overall"))["best"]
    return {"achieved_cases": cases or None, "achieved_dops_level": best}


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
