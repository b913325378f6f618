"""Demo logbook: the demo learner on a hands-on run with two cases, one with a signed DOPS, and
practice rules on that course (the academy's policy). Idempotent: found by learner and date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.logbook.models import Case, CaseProduct, CompetencyRule, Dops
from academy.logbook.plans import check_plan, reference_plan_json
from academy.logbook.services import case_countersign, follow_ups_for
from academy.logbook.signing import dops_content, sha256_of
from academy.logbook.vocab import DOPS_DOMAINS, DopsStatus, RuleKind, Setting, Supervision
from academy.logbook.wba_models import WbaAssessment, WbaKind
from academy.logbook.wba_services import External, wba_complete, wba_request

LEARNER = "learner@demo.threadlift.test"
TRAINER = "trainer@demo.threadlift.test"
RULES = [
    # kind, count, supervision, min_level, min_trainers
    (RuleKind.CASES, 2, Supervision.OBSERVED, None, 1),
    (RuleKind.CASES, 3, Supervision.SUPERVISED, None, 1),
    (RuleKind.DOPS, 2, "", 3, 2),
]


def describe() -> list[str]:
    return [
        "Logbook: two cases of the demo learner, one with a signed DOPS; practice rules",
        "Workplace-based assessment: a CBD completed by the demo trainer, a mini-CEX awaiting "
        "them and one awaiting an external supervisor (fictional)",
    ]


def demo_run() -> CourseRun | None:
    """The demo trainer's first open hands-on run at the demo academy (the outcomes demo's too)."""
    return (
        CourseRun.objects.filter(
            Q(course__provider__slug="harbour-aesthetics"),
            hands_on=True,
            archived=False,
            trainers__email=TRAINER,
        )
        .order_by("starts_on", "id")
        .first()
    )


def _case(learner: User, run: CourseRun, day: dt.date, supervision: str, plan: str) -> Case:
    plan_json, score = check_plan(reference_plan_json()[plan])
    case, _ = Case.objects.update_or_create(
        learner=learner,
        run=run,
        date=day,
        defaults={
            "setting": Setting.MODEL,
            "clinic_name": "Harbour Aesthetics training clinic (demo)",
            "supervision": supervision,
            "indication": plan_json["indication"],
            "anaesthesia": "local_infiltration",
            "plan": plan_json,
            "plan_score": score,
            "consent_confirmed": True,
            "outcome": "Procedure completed; mild swelling at the entry points (demo).",
            "complications": ["swelling"],
        },
    )
    CaseProduct.objects.get_or_create(
        case=case,
        defaults={
            "product": "mint",
            "batch": "DEMO-LOT-0425",
            "expiry": day.replace(year=day.year + 1),
        },
    )
    case.follow_ups = follow_ups_for(day, case.indication, ["mint"])
    case.save(update_fields=["follow_ups"])
    return case


def load() -> list[tuple[str, str]]:
    learner = User.objects.filter(email=LEARNER).first()
    trainer = User.objects.filter(email=TRAINER).first()
    run = demo_run()
    if learner is None or trainer is None or run is None:
        return []
    Enrolment.objects.get_or_create(
        run=run, learner=learner, defaults={"status": EnrolmentStatus.ENROLLED}
    )
    run.seats_taken = run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    run.save(update_fields=["seats_taken"])
    for kind, count, supervision, level, trainers in RULES:
        CompetencyRule.objects.get_or_create(
            course=run.course,
            kind=kind,
            supervision=supervision,
            min_level=level,
            defaults={"count": count, "min_trainers": trainers},
        )
    today = timezone.localdate()
    first = _case(learner, run, today - dt.timedelta(days=14), Supervision.OBSERVED, "jowl")
    _case(learner, run, today - dt.timedelta(days=7), Supervision.SUPERVISED, "midface")
    dops, created = Dops.objects.get_or_create(
        case=first, defaults={"trainer": trainer, "status": DopsStatus.REQUESTED}
    )
    if created or dops.status != DopsStatus.SIGNED:
        now = timezone.now()
        dops.ratings = {key: "3" for key, _ in DOPS_DOMAINS} | {"complications": "n"}
        dops.overall = 2
        dops.strengths = "Careful marking of the danger zones; clear consent conversation (demo)."
        dops.development = "Keep the cannula in one plane along the whole vector (demo)."
        dops.content_hash = sha256_of(dops_content(dops, trainer, now))
        dops.status, dops.signed_by, dops.signed_at, dops.signed_with = (
            DopsStatus.SIGNED,
            trainer,
            now,
            "demo",
        )
        dops.save()
        case_countersign(case=first, signer=trainer, when=now)
    second = Case.objects.filter(learner=learner, run=run).exclude(pk=first.pk).first()
    _wba(learner, trainer, first, second)
    return [(LEARNER, "Learner with a demo logbook")]


def _wba(learner: User, trainer: User, first: Case, second: Case | None) -> None:
    """A CBD on the first case completed by the demo trainer; on the second, a mini-CEX awaiting
    the trainer and one awaiting a fictional external supervisor (no e-mail is sent)."""
    now = timezone.now()
    if not WbaAssessment.objects.filter(learner=learner, case=first, kind=WbaKind.CBD).exists():
        cbd, _ = wba_request(
            learner=learner,
            requested_by=learner,
            kind=WbaKind.CBD,
            run=first.run,
            case=first,
            now=now,
            trainer=trainer,
        )
        wba_complete(
            assessment=cbd,
            assessor=trainer,
            method="demo",
            ratings={"record_keeping": "4", "management": "4", "judgement": "4", "overall": "4"},
            data={
                "strengths": "Recognised the swelling early and planned the review well (demo).",
                "development": "Record the batch numbers in the note itself (demo).",
            },
            now=now,
        )
    if second is None:
        return
    if not WbaAssessment.objects.filter(learner=learner, case=second).exists():
        wba_request(
            learner=learner,
            requested_by=learner,
            kind=WbaKind.MINI_CEX,
            run=second.run,
            case=second,
            now=now,
            trainer=trainer,
        )
        wba_request(
            learner=learner,
            requested_by=learner,
            kind=WbaKind.MINI_CEX,
            run=second.run,
            case=second,
            now=now,
            external=External(
                name="Dr Demo Supervisor (fictional)", email="supervisor@demo.threadlift.test"
            ),
        )
