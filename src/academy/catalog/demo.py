"""Fictional demo providers, trainers, courses and runs (all labelled as demo data).

Idempotent: providers and courses are found by slug, trainers by e-mail, and a demo course's
runs are updated in place by position, so loading twice creates nothing new. Run dates are set
relative to today so that the demo always has open, full and upcoming runs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from academy.accounts.demo import DEMO_PASSWORD
from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User
from academy.accounts.services import role_assign
from academy.catalog import declarations
from academy.catalog.models import (
    Accreditation,
    Course,
    CourseRun,
    Enrolment,
    EnrolmentStatus,
    Provider,
    tokens,
)

ALL_TOPICS = [
    "anatomy",
    "threads",
    "technique",
    "selection",
    "communication",
    "complications",
    "aftercare",
]
DOCTORS = ["physician", "dermatologist", "plastic_surgeon", "other_medical_specialist"]
DOCTORS_DENTISTS = [*DOCTORS, "dentist"]
ALL_CLINICIANS = [
    *DOCTORS_DENTISTS,
    "registered_nurse",
    "nurse_practitioner",
    "physician_assistant",
]

PROVIDERS = [
    # slug, name, country, city, allows_unverified
    ("harbour-aesthetics", "Harbour Aesthetics Institute (demo)", "GB", "London", False),
    ("northern-facial", "Northern Facial Training (demo)", "GB", "Manchester", True),
    ("rhein-aesthetik", "Rhein Ästhetik Akademie (demo)", "DE", "Düsseldorf", False),
    ("gulf-derm", "Gulf Dermatology Education (demo)", "AE", "Dubai", False),
    ("sydney-cosmetic", "Sydney Cosmetic Medicine College (demo)", "AU", "Sydney", False),
    ("lion-city", "Lion City Aesthetic Academy (demo)", "SG", "Singapore", True),
]

TRAINERS = [
    # e-mail local part, name, years, procedures, specialties
    ("trainer", "Dr Chloe Marsh (demo)", 14, 850, "Midface and jawline"),
    ("t.okoro", "Dr Tunde Okoro (demo)", 9, 420, "Jowl and neck"),
    ("s.lindqvist", "Dr Sara Lindqvist (demo)", 17, 1200, "Complication management"),
    ("m.weber", "Dr Marius Weber (demo)", 11, 600, "Facial anatomy, cadaver teaching"),
    ("a.haddad", "Dr Amal Haddad (demo)", 8, 380, "Brow and temple"),
    ("r.chen", "Dr Rachel Chen (demo)", 12, 700, "PLLA and PCL threads"),
    ("j.kim", "Dr Jun-ho Kim (demo)", 20, 2500, "Cog thread techniques"),
    ("p.nair", "Dr Priya Nair (demo)", 6, 150, "Patient selection"),
    ("l.fraser", "Nurse Prescriber Laura Fraser (demo)", 10, 510, "Aftercare and follow-up"),
    ("d.santos", "Dr Diego Santos (demo)", 7, 260, "Nose and nasolabial threads"),
]

# provider slug, course slug, title, level, materials, designs, topics, professions, accreditations
COURSES = [
    (
        "harbour-aesthetics",
        "pdo-foundation",
        "PDO thread lift foundation",
        "foundation",
        ["pdo"],
        ["mono", "screw", "cog_bidirectional"],
        ALL_TOPICS,
        DOCTORS_DENTISTS,
        [("CPD Certification Service", "cpd_hours", "8")],
    ),
    (
        "harbour-aesthetics",
        "advanced-midface",
        "Advanced midface and jawline threads",
        "advanced",
        ["pdo", "plla"],
        ["cog_unidirectional", "cog_bidirectional", "cone"],
        ALL_TOPICS,
        DOCTORS,
        [("CPD Certification Service", "cpd_hours", "12")],
    ),
    (
        "northern-facial",
        "threads-for-nurses",
        "Thread lifting for nurse prescribers",
        "foundation",
        ["pdo"],
        ["mono", "cog_bidirectional"],
        ["anatomy", "threads", "technique", "selection", "complications", "aftercare"],
        ALL_CLINICIANS,
        [("CPD Standards Office", "cpd_hours", "6")],
    ),
    (
        "northern-facial",
        "complications-day",
        "Thread complications: recognise and manage",
        "intermediate",
        ["pdo", "plla", "pcl"],
        ["cog_bidirectional", "cone"],
        ["anatomy", "complications", "aftercare", "communication"],
        ALL_CLINICIANS,
        [("CPD Standards Office", "cpd_hours", "5")],
    ),
    (
        "rhein-aesthetik",
        "fadenlifting-grundkurs",
        "Fadenlifting Grundkurs (thread lift basics)",
        "foundation",
        ["pdo", "pcl"],
        ["mono", "screw", "cog_bidirectional"],
        ALL_TOPICS,
        DOCTORS,
        [("Ärztekammer Nordrhein", "cme_credits", "10")],
    ),
    (
        "rhein-aesthetik",
        "vector-planning",
        "Vector planning and anchoring",
        "advanced",
        ["pdo", "plla", "pcl"],
        ["cog_unidirectional", "cone"],
        ["anatomy", "technique", "complications"],
        DOCTORS,
        [("Ärztekammer Nordrhein", "cme_credits", "8")],
    ),
    (
        "gulf-derm",
        "thread-masterclass",
        "Thread lift masterclass",
        "advanced",
        ["pdo", "plcl"],
        ["cog_bidirectional", "cog_unidirectional"],
        ALL_TOPICS,
        DOCTORS,
        [("Dubai Health Authority CME", "cme_credits", "12")],
    ),
    (
        "gulf-derm",
        "consultation-selection",
        "Consultation and patient selection for threads",
        "intermediate",
        ["pdo", "plla"],
        ["mono", "cog_bidirectional"],
        ["selection", "communication", "aftercare", "complications"],
        DOCTORS_DENTISTS,
        [],
    ),
    (
        "sydney-cosmetic",
        "thread-lift-course",
        "Thread lift course with live models",
        "foundation",
        ["pdo", "plla"],
        ["mono", "cog_bidirectional", "cone"],
        ALL_TOPICS,
        [*DOCTORS, "registered_nurse", "nurse_practitioner"],
        [("ACCS CPD", "cpd_hours", "14")],
    ),
    (
        "sydney-cosmetic",
        "neck-and-jawline",
        "Neck and jawline threads",
        "advanced",
        ["pdo", "plla", "pcl"],
        ["cog_bidirectional", "cog_unidirectional"],
        ["anatomy", "technique", "complications", "aftercare"],
        DOCTORS,
        [("ACCS CPD", "cpd_hours", "7")],
    ),
    (
        "lion-city",
        "online-theory",
        "Thread lift theory (online)",
        "foundation",
        ["pdo", "plla", "plcl", "pcl", "polypropylene"],
        ["mono", "screw", "cog_bidirectional", "cog_unidirectional", "cone"],
        ["anatomy", "threads", "selection", "complications", "aftercare"],
        ALL_CLINICIANS,
        [("SMC CME", "cme_credits", "4")],
    ),
    (
        "lion-city",
        "hands-on-workshop",
        "Hands-on thread workshop",
        "intermediate",
        ["pdo"],
        ["cog_bidirectional", "mono"],
        ALL_TOPICS,
        DOCTORS_DENTISTS,
        [("SMC CME", "cme_credits", "6")],
    ),
]

# course slug -> runs: (days from today, length in days, mode, seats, price, currency,
#   theory h, hands-on h, ratio, live models, trainer local parts, seats taken by demo)
RUNS: dict[str, list[tuple]] = {
    "pdo-foundation": [
        (21, 1, "in_person", 12, "1450", "GBP", "4", "4", 4, True, ["trainer", "t.okoro"]),
        (70, 1, "in_person", 12, "1450", "GBP", "4", "4", 4, True, ["trainer"]),
    ],
    "advanced-midface": [
        (35, 2, "in_person", 8, "2950", "GBP", "5", "10", 2, True, ["trainer", "s.lindqvist"])
    ],
    "threads-for-nurses": [
        (14, 1, "in_person", 10, "995", "GBP", "3", "3", 5, False, ["l.fraser"]),
        (56, 1, "in_person", 10, "995", "GBP", "3", "3", 5, False, ["l.fraser", "t.okoro"]),
    ],
    "complications-day": [
        (28, 1, "hybrid", 20, "450", "GBP", "5", "0", None, False, ["s.lindqvist"]),
        (120, 1, "online", 60, "295", "GBP", "5", "0", None, False, ["s.lindqvist"]),
    ],
    "fadenlifting-grundkurs": [
        (30, 1, "in_person", 10, "1290", "EUR", "4", "4", 3, True, ["m.weber"]),
        (90, 1, "in_person", 10, "1290", "EUR", "4", "4", 3, True, ["m.weber"]),
    ],
    "vector-planning": [
        (45, 2, "in_person", 6, "2400", "EUR", "6", "8", 2, True, ["m.weber", "j.kim"])
    ],
    "thread-masterclass": [
        (40, 2, "in_person", 10, "9500", "AED", "6", "9", 3, True, ["a.haddad", "j.kim"])
    ],
    "consultation-selection": [
        (18, 1, "online", 40, "1800", "AED", "6", "0", None, False, ["p.nair"])
    ],
    "thread-lift-course": [
        (25, 2, "in_person", 12, "3900", "AUD", "6", "8", 3, True, ["r.chen"]),
        (84, 2, "in_person", 12, "3900", "AUD", "6", "8", 3, True, ["r.chen", "d.santos"]),
    ],
    "neck-and-jawline": [(60, 1, "in_person", 8, "2600", "AUD", "3", "5", 2, False, ["r.chen"])],
    "online-theory": [
        (10, 1, "online", 100, "350", "SGD", "6", "0", None, False, ["p.nair", "j.kim"]),
        (40, 1, "online", 100, "350", "SGD", "6", "0", None, False, ["p.nair"]),
    ],
    "hands-on-workshop": [
        (33, 1, "in_person", 2, "2200", "SGD", "2", "6", 2, True, ["j.kim", "d.santos"]),
        (65, 1, "in_person", 8, "2200", "SGD", "2", "6", 2, True, ["d.santos"]),
        (100, 1, "in_person", 8, "2200", "SGD", "2", "6", 2, True, ["j.kim"]),
    ],
}


def _trainers() -> dict[str, User]:
    found = {}
    for local, name, years, procedures, specialties in TRAINERS:
        email = f"{local}@demo.threadlift.test"
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        role_assign(user=user, role=Role.TRAINER)
        PractitionerProfile.objects.get_or_create(
            user=user,
            defaults={
                "profession": "physician",
                "jurisdiction": "GB",
                "verified": True,
            },
        )
        TrainerProfile.objects.update_or_create(
            user=user,
            defaults={
                "years_in_practice": years,
                "thread_procedures_performed": procedures,
                "specialties": specialties,
                "credentials": "Fictional demo credentials",
                "bio": "Fictional demo trainer for trying the platform.",
            },
        )
        found[local] = user
    return found


def _fill_first_workshop(run: CourseRun | None) -> None:
    """Two fictional learners take both seats of one run so the demo shows a full run."""
    if run is None:
        return
    for number in (1, 2):
        user, created = User.objects.get_or_create(
            email=f"filler{number}@demo.threadlift.test",
            defaults={"full_name": f"Demo Learner {number} (demo)"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        role_assign(user=user, role=Role.LEARNER)
        PractitionerProfile.objects.get_or_create(
            user=user, defaults={"profession": "physician", "jurisdiction": "SG", "verified": True}
        )
        Enrolment.objects.get_or_create(
            run=run, learner=user, defaults={"status": EnrolmentStatus.ENROLLED}
        )
    run.seats_taken = run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    run.save(update_fields=["seats_taken"])


DEMO_COMPANY = "Fictional Threads Ltd (demo)"


def _declarations(trainers: dict[str, User], harbour: Provider, *, now: dt.datetime) -> None:
    """Conflict-of-interest declarations of the demo trainers: one relevant relationship, with
    its mitigation, for the demo trainer; nothing to declare for the others. A current one is
    kept as it is."""
    Course.objects.filter(provider=harbour, slug="pdo-foundation").update(companies=DEMO_COMPANY)
    for key, person in trainers.items():
        latest = declarations.latest_declaration(person)
        if latest is not None and (now - latest.declared_at).days < 300:
            continue
        relationships = []
        if key == "trainer":
            relationships.append(
                {
                    "company": DEMO_COMPANY,
                    "kind": "speaker",
                    "starts_on": now.date() - dt.timedelta(days=400),
                    "ends_on": None,
                    "mitigation": "Her teaching material is peer reviewed by Dr Sara Lindqvist "
                    "(demo), who has no relationship with the company.",
                }
            )
        declarations.declaration_save(
            person=person,
            nothing_to_declare=not relationships,
            relationships=relationships,
            now=now,
        )


def load() -> list[tuple[str, str]]:
    today = timezone.localdate()
    now = timezone.now()
    admin = User.objects.get(email="admin@demo.threadlift.test")
    trainers = _trainers()
    providers = {}
    for slug, name, country, city, allows in PROVIDERS:
        provider, _ = Provider.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "country": country,
                "city": city,
                "allows_unverified": allows,
                "is_demo": True,
                "description": "A fictional academy created as demo data for Threadlift Academy.",
            },
        )
        providers[slug] = provider
    providers["harbour-aesthetics"].admins.add(admin)
    providers["northern-facial"].admins.add(admin)

    for pslug, cslug, title, level, materials, designs, topics, professions, accs in COURSES:
        course, _ = Course.objects.update_or_create(
            provider=providers[pslug],
            slug=cslug,
            defaults={
                "title": title,
                "level": level,
                "materials": tokens(materials),
                "designs": tokens(designs),
                "topics": tokens(topics),
                "professions": tokens(professions),
                "published": True,
                "summary": f"{title}: a fictional demo course. "
                "Compare it with others on the checklist a careful doctor uses.",
            },
        )
        for body, credit_type, amount in accs:
            Accreditation.objects.update_or_create(
                course=course,
                body=body,
                defaults={
                    "credit_type": credit_type,
                    "credit_amount": Decimal(amount),
                    "reference": f"DEMO-{cslug[:8].upper()}",
                    "valid_until": today + dt.timedelta(days=365),
                },
            )
        existing = list(course.runs.order_by("id"))
        for index, spec in enumerate(RUNS[cslug]):
            (
                offset,
                length,
                mode,
                seats,
                price,
                currency,
                theory,
                hands,
                ratio,
                live,
                trainer_keys,
            ) = spec
            starts = today + dt.timedelta(days=offset)
            values = {
                "starts_on": starts,
                "ends_on": starts + dt.timedelta(days=length - 1),
                "mode": mode,
                "city": "" if mode == "online" else providers[pslug].city,
                "country": providers[pslug].country,
                "language": "English",
                "seats": seats,
                "price": Decimal(price),
                "currency": currency,
                "theory_hours": Decimal(theory),
                "hands_on": Decimal(hands) > 0,
                "hands_on_hours": Decimal(hands),
                "delegates_per_trainer": ratio,
                "live_models_guaranteed": live,
                "live_models_note": ""
                if live
                else "Practice on models the provider sources; not guaranteed.",
                "enrolment_opens": now - dt.timedelta(days=30),
                "enrolment_closes": timezone.make_aware(
                    dt.datetime.combine(starts - dt.timedelta(days=2), dt.time(23, 59))
                ),
                "published": True,
                "cancelled": False,
            }
            if index < len(existing):
                run = existing[index]
                for field, value in values.items():
                    setattr(run, field, value)
                run.save()
            else:
                run = CourseRun.objects.create(course=course, **values)
            run.trainers.set([trainers[k] for k in trainer_keys])
            providers[pslug].trainers.add(*(trainers[k] for k in trainer_keys))  # its roster
    _fill_first_workshop(
        CourseRun.objects.filter(course__slug="hands-on-workshop").order_by("id").first()
    )
    _declarations(trainers, providers["harbour-aesthetics"], now=now)
    return [
        ("trainer@demo.threadlift.test", "Trainer (teaches demo runs)"),
        ("admin@demo.threadlift.test", "Provider admin of two demo academies"),
    ]
