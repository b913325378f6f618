"""Demo certificates: the demo learner holds a valid one, the demo nurse a revoked one."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Course, CourseRun, Enrolment, EnrolmentStatus
from academy.credentials import services, signing
from academy.credentials.issue import sign_and_store
from academy.credentials.models import (
    AcademyCertificateLook,
    CertificatePolicy,
    CompletionRule,
    Credential,
    CredentialAction,
    CredentialState,
    RequirementMark,
)
from academy.evaluations.demo import demo_evaluation
from threadlift.credentials.credential import CRITERIA_INTRO

NAMESPACE = uuid.UUID("5f0c1d2e-8b1a-4c55-9d61-7a1e0c9b3f10")
VALID_ID = uuid.uuid5(NAMESPACE, "demo valid certificate")
REVOKED_ID = uuid.uuid5(NAMESPACE, "demo revoked certificate")


def describe() -> list[str]:
    return [
        "A completed run of 'PDO thread lift foundation' with two certificate requirements "
        "(the final assessment day attended, the run completed); its certificates state them",
        f"A valid certificate for learner@demo.threadlift.test: /credentials/{VALID_ID}/",
        f"A revoked certificate for nurse@demo.threadlift.test: /credentials/{REVOKED_ID}/",
    ]


def _drawn_png(kind: str) -> bytes:
    """A made-up demo logo (a teal thread arc) or signature (a scrawl): no real mark is copied."""
    from PIL import Image, ImageDraw

    if kind == "logo":
        image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.ellipse((10, 10, 230, 230), fill=(15, 92, 99, 255))
        draw.arc((50, 40, 190, 200), start=200, end=340, fill=(212, 175, 55, 255), width=14)
        draw.line((70, 170, 170, 70), fill=(255, 255, 255, 255), width=10)
    else:
        image = Image.new("RGBA", (480, 140), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        points = [
            (20 + 11 * i, 80 + (28 if i % 3 == 0 else -22 if i % 3 == 1 else 6)) for i in range(40)
        ]
        draw.line(points, fill=(25, 35, 90, 255), width=4, joint="curve")
        draw.line((40, 115, 440, 100), fill=(25, 35, 90, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _states_the_evidence(credential: Credential) -> bool:
    """Whether the stored document states the rules met (not an older demo's course targets)."""
    narrative = (
        (credential.document or {})
        .get("credentialSubject", {})
        .get("achievement", {})
        .get("criteria", {})
        .get("narrative", "")
    )
    return str(narrative).startswith(CRITERIA_INTRO)


def _finished_run(course: Course) -> CourseRun:
    ended = timezone.localdate() - dt.timedelta(days=20)
    run = CourseRun.objects.filter(course=course, city="London (demo: finished)").first()
    if run is not None:
        return run
    now = timezone.now()
    return CourseRun.objects.create(
        course=course,
        starts_on=ended - dt.timedelta(days=1),
        ends_on=ended,
        mode="in_person",
        city="London (demo: finished)",
        country="GB",
        seats=8,
        price=Decimal("1200"),
        theory_hours=Decimal("4"),
        hands_on_hours=Decimal("8"),
        enrolment_opens=now - dt.timedelta(days=90),
        enrolment_closes=now - dt.timedelta(days=30),
        published=False,  # a past run: kept out of the public catalog
    )


def _certificate(run: CourseRun, email: str, pk: uuid.UUID, rule: CompletionRule) -> Credential:
    learner = User.objects.get(email=email)
    enrolment, _ = Enrolment.objects.get_or_create(
        run=run, learner=learner, defaults={"status": EnrolmentStatus.ENROLLED}
    )
    RequirementMark.objects.get_or_create(enrolment=enrolment, rule=rule)
    demo_evaluation(enrolment)  # every certificate waits for the learner's evaluation
    existing = Credential.objects.filter(pk=pk).first()
    if existing is not None:
        if _states_the_evidence(existing):
            return existing
        return sign_and_store(existing)  # signed by an older demo that stated targets: redo
    credential = Credential.objects.create(
        id=pk,
        provider=run.course.provider,
        course=run.course,
        enrolment=enrolment,
        learner=learner,
        status_index=services._next_index(enrolment),
        state=CredentialState.QUEUED,
    )
    return sign_and_store(credential)


def load() -> list[tuple[str, str]]:
    course = Course.objects.select_related("provider").get(
        provider__slug="harbour-aesthetics", slug="pdo-foundation"
    )
    CertificatePolicy.objects.update_or_create(
        course=course, defaults={"approval_required": True, "renewal_months": 24}
    )
    attended, _ = CompletionRule.objects.get_or_create(
        course=course,
        kind="academy_requirement",
        defaults={"label": "Attended the final assessment day", "position": 0},
    )
    CompletionRule.objects.get_or_create(
        course=course,
        kind="run_completed",
        defaults={"label": "Completed the course run", "position": 1},
    )
    look, _ = AcademyCertificateLook.objects.get_or_create(
        provider=course.provider,
        defaults={
            "signatory_name": "Dr Helen Marsh (demo)",
            "signatory_role": "Medical director, Harbour Aesthetics Institute",
        },
    )
    if not look.logo:
        look.logo.save("logo.png", ContentFile(_drawn_png("logo")), save=False)
    if not look.signature:
        look.signature.save("signature.png", ContentFile(_drawn_png("signature")), save=False)
    look.save()
    run = _finished_run(course)
    _certificate(run, "learner@demo.threadlift.test", VALID_ID, attended)
    revoked = _certificate(run, "nurse@demo.threadlift.test", REVOKED_ID, attended)
    if not revoked.revoked:
        revoked.revoked = True
        revoked.save(update_fields=["revoked"])
        signing.forget_status_lists(revoked.provider_id)
        services.record(
            revoked.enrolment,
            CredentialAction.REVOKED,
            by=None,
            credential=revoked,
            reason="Demo: revoked to show what a verifier sees",
        )
    return []
