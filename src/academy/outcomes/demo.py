"""Demo follow-ups (fictional): the demo learner's cases get their schedule and a recorded day-3
visit; three fictional graduates of a completed hands-on run of the demo trainer's course get 48
treated cases with follow-ups, so that the registry shows rates, a hidden small group, a flag
and the review list honestly. Idempotent: cases are found by learner and date; every record
says it is a demo."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.services import role_assign
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.logbook.demo import demo_run
from academy.logbook.models import Case, CaseProduct
from academy.logbook.plans import check_plan, reference_plan_json
from academy.logbook.vocab import Setting, Supervision
from academy.outcomes.models import FollowUp, FollowUpStatus
from academy.outcomes.services import ComplicationEntry, follow_up_record, schedule_follow_ups

LEARNER = "learner@demo.threadlift.test"
TRAINER = "trainer@demo.threadlift.test"
GRADUATES = [
    ("graduate1@demo.threadlift.test", "Dr Iris Vale (fictional graduate)"),
    ("graduate2@demo.threadlift.test", "Dr Omar Reyes (fictional graduate)"),
    ("graduate3@demo.threadlift.test", "Dr Lena Ortiz (fictional graduate)"),
]
# (product, how many cases): the last group is small on purpose (hidden in the registry)
PRODUCTS = [("mint", 30), ("silhouette_instalift", 14), ("aptos_excellence_visage", 4)]
PLANS = ["jowl", "midface", "jowl", "neck"]
# fictional complication pattern: infection deliberately above the published pooled rates
COMPLICATIONS = [("swelling", 9), ("bruising", 7), ("dimpling", 4), ("infection", 5)]


def describe() -> list[str]:
    return [
        "Follow-ups: the demo learner's schedule, and 48 fictional graduates' cases with "
        "follow-ups for the complication registry"
    ]


def _past_run(run: CourseRun, today: dt.date) -> CourseRun:
    """A completed hands-on run of the same course (fictional), where the graduates trained."""
    starts = today - dt.timedelta(days=200)
    past, _ = CourseRun.objects.get_or_create(
        course=run.course,
        starts_on=starts,
        defaults={
            "ends_on": starts + dt.timedelta(days=1),
            "mode": run.mode,
            "city": run.city,
            "country": run.country,
            "seats": run.seats,
            "price": run.price,
            "currency": run.currency,
            "theory_hours": run.theory_hours,
            "hands_on": True,
            "hands_on_hours": run.hands_on_hours,
            "delegates_per_trainer": run.delegates_per_trainer,
            "enrolment_opens": timezone.now() - dt.timedelta(days=260),
            "enrolment_closes": timezone.now() - dt.timedelta(days=201),
            "published": False,
            "archived": True,  # a completed cohort, kept for the record
        },
    )
    past.trainers.add(*run.trainers.all())
    return past


def _graduate(email: str, name: str, run: CourseRun) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "password": make_password(None)}
    )
    if created:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    PractitionerProfile.objects.get_or_create(
        user=user,
        defaults={"profession": "physician", "jurisdiction": "GB-ENG", "regulator": "GMC"},
    )
    if not user.has_role(Role.LEARNER):
        role_assign(user=user, role=Role.LEARNER)
    Enrolment.objects.get_or_create(
        run=run, learner=user, defaults={"status": EnrolmentStatus.ENROLLED}
    )
    return user


def _case(learner: User, run: CourseRun, day: dt.date, plan: str, product: str) -> Case:
    plan_json, score = check_plan(reference_plan_json()[plan])
    case, _ = Case.objects.update_or_create(
        learner=learner,
        run=run,
        date=day,
        defaults={
            "setting": Setting.MODEL,
            "clinic_name": "Harbour Aesthetics training clinic (fictional demo)",
            "supervision": Supervision.SUPERVISED,
            "indication": plan_json["indication"],
            "anaesthesia": "local_infiltration",
            "plan": plan_json,
            "plan_score": score,
            "consent_confirmed": True,
            "outcome": "Fictional demo case.",
        },
    )
    CaseProduct.objects.update_or_create(
        case=case,
        defaults={
            "product": product,
            "batch": f"DEMO-{product[:4].upper()}-0425",
            "expiry": day.replace(year=day.year + 1),
        },
    )
    schedule_follow_ups(case=case)
    return case


def _record(case: Case, day: int, complication: str | None, rng: random.Random) -> None:
    item = FollowUp.objects.get(case=case, day=day)
    if item.status != FollowUpStatus.DUE:
        return
    entries = (
        [
            ComplicationEntry(
                complication=complication,
                severity="mild" if complication != "infection" else "moderate",
                onset_day=rng.randint(1, 3),
                management="Fictional demo management.",
                resolved_on=case.date + dt.timedelta(days=day) if day >= 10 else None,
            )
        ]
        if complication
        else []
    )
    follow_up_record(
        follow_up=item,
        recorded_by=case.learner,
        seen=True,
        seen_on=case.date + dt.timedelta(days=day),
        not_seen_reason="",
        symptoms=["swelling"] if complication else [],
        satisfaction=rng.choice([3, 4, 4, 5, 5]),
        notes="Fictional demo follow-up.",
        complications=entries,
    )


def load() -> list[tuple[str, str]]:
    run = demo_run()
    learner = User.objects.filter(email=LEARNER).first()
    if run is None or learner is None:
        return []
    today = timezone.localdate()
    own = list(Case.objects.filter(learner=learner, run=run).order_by("date"))
    for case in own:
        schedule_follow_ups(case=case)
    if own:  # the first case's day-3 visit is recorded (swelling, settled); two weeks due now
        _record(own[0], 3, "swelling", random.Random(1))
    rng = random.Random(2026)
    run = _past_run(run, today)
    graduates = [_graduate(email, name, run) for email, name in GRADUATES]
    run.seats_taken = run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    run.save(update_fields=["seats_taken"])
    complications = [c for c, n in COMPLICATIONS for _ in range(n)]
    k = 0
    for product, count in PRODUCTS:
        for _ in range(count):
            who = graduates[k % len(graduates)]
            day = today - dt.timedelta(days=30 + 3 * k)
            case = _case(who, run, day, PLANS[k % len(PLANS)], product)
            complication = complications[k] if k < len(complications) else None
            _record(case, 3, complication, rng)
            _record(case, 14, None, rng)
            k += 1
    return [(TRAINER, "Sees the fictional graduates' follow-ups in the registry")]
