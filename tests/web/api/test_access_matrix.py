"""Who may call each private operation: persona × operation → expected status.

Personas (tests/web/conftest.py): anonymous; Lena, a learner; Nora, a nurse learner whom the
course does not accept; Theo, a trainer; Ada, admin of the academy owning the data; Bob, admin
of another academy. Every private operation is here, with someone who must be refused.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.catalog.models import Enrolment
from academy.logbook.models import Case
from academy.outcomes.models import FollowUp
from academy.simulator.access import get_exercise
from academy.simulator.services import attempt_submit
from tests.web.api.conftest import PATIENT, assert_error, session_client
from tests.web.builders import PUBLIC, named_urls
from tests.web.catalog import factories as f
from tests.web.conftest import make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.outcomes.builders import treated_case
from tests.web.simulator.conftest import good_plan

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "lena", "nora", "theo", "ada", "bob")


@dataclass(frozen=True)
class Op:
    name: str  # the URL name, api:<name>
    method: str
    path: str  # formatted with the world's ids
    body: Any
    expect: dict[str, int]


def run_body() -> dict[str, Any]:
    start = timezone.localdate() + dt.timedelta(days=40)
    return {
        "starts_on": start.isoformat(),
        "ends_on": start.isoformat(),
        "mode": "online",
        "seats": 5,
        "price": "100",
        "theory_hours": 2,
        "hands_on": False,
        "hands_on_hours": 0,
        "enrolment_opens": timezone.now().isoformat(),
        "enrolment_closes": (timezone.now() + dt.timedelta(days=10)).isoformat(),
    }


COURSE = {
    "title": "New course",
    "slug": "new-course",
    "summary": "S.",
    "materials": ["pdo"],
    "designs": ["mono"],
    "topics": ["anatomy"],
    "professions": ["physician"],
}
SIGNED_IN = dict.fromkeys(PERSONAS[1:], 200)
LEARNERS = {"lena": 200, "nora": 200, "theo": 403, "ada": 403, "bob": 403}
LENAS = {"lena": 200, "nora": 404, "theo": 403, "ada": 403, "bob": 403}
ADMIN_ONLY = {"lena": 403, "nora": 403, "theo": 403, "bob": 404}

OPS = [
    Op("eligibility", "get", "/catalog/runs/{run}/eligibility", None, SIGNED_IN),
    Op(
        "enrol",
        "post",
        "/catalog/runs/{run}/enrol",
        None,
        {"lena": 201, "nora": 409, "theo": 201, "ada": 201, "bob": 201},
    ),
    Op(
        "cancel",
        "post",
        "/me/enrolments/{enrolment}/cancel",
        None,
        {"lena": 200, "nora": 404, "theo": 404, "ada": 404, "bob": 404},
    ),
    Op("my_enrolments", "get", "/me/enrolments", None, SIGNED_IN),
    Op("course_list", "get", "/academy/courses", None, {**ADMIN_ONLY, "ada": 200, "bob": 200}),
    Op(
        "course_create",
        "post",
        "/academy/providers/{provider}/courses",
        COURSE,
        {**ADMIN_ONLY, "ada": 201},
    ),
    Op(
        "course_update",
        "patch",
        "/academy/courses/{course}",
        {"title": "Renamed"},
        {**ADMIN_ONLY, "ada": 200},
    ),
    Op(
        "course_publish",
        "post",
        "/academy/courses/{course}/publish",
        {"published": False},
        {**ADMIN_ONLY, "ada": 200},
    ),
    Op("run_create", "post", "/academy/courses/{course}/runs", "RUN", {**ADMIN_ONLY, "ada": 201}),
    Op("run_update", "patch", "/academy/runs/{run}", {"seats": 30}, {**ADMIN_ONLY, "ada": 200}),
    Op(
        "run_publish",
        "post",
        "/academy/runs/{run}/publish",
        {"published": True},
        {**ADMIN_ONLY, "ada": 200},
    ),
    Op("run_cancel", "post", "/academy/runs/{run}/cancel", None, {**ADMIN_ONLY, "ada": 200}),
    Op("assess", "post", "/engines/assess", "PATIENT", SIGNED_IN),
    Op("triage_op", "post", "/engines/triage", {"days": 2, "symptoms": ["pain"]}, SIGNED_IN),
    Op("aftercare", "get", "/engines/aftercare?date=2026-12-01&indication=jowl", None, SIGNED_IN),
    Op(
        "aftercare_ics",
        "get",
        "/engines/aftercare.ics?date=2026-12-01&indication=neck",
        None,
        SIGNED_IN,
    ),
    # the simulator (issue 13): anyone signed in keeps attempts; nobody sees another's
    Op(
        "sim_attempt_create", "post", "/simulator/attempts", "SIM", dict.fromkeys(PERSONAS[1:], 201)
    ),
    Op("sim_attempts", "get", "/simulator/attempts", None, SIGNED_IN),
    Op(
        "sim_attempt",
        "get",
        "/simulator/attempts/{attempt}",
        None,
        {"lena": 200, "nora": 404, "theo": 404, "ada": 404, "bob": 404},
    ),
    # the learner's own records (issue 20): learners only, and only their own
    Op("my_runs", "get", "/me/runs", None, LEARNERS),
    Op("my_progress", "get", "/me/runs/{learning_run}/progress", None, LENAS),
    Op("my_attempts", "get", "/me/runs/{learning_run}/attempts", None, LENAS),
    Op("my_cases", "get", "/me/cases", None, LEARNERS),
    Op("my_case", "get", "/me/cases/{case}", None, LENAS),
    Op("my_sessions", "get", "/me/sessions", None, LEARNERS),
    Op("my_bookings", "get", "/me/bookings", None, LEARNERS),
    Op("my_credentials", "get", "/me/credentials", None, SIGNED_IN),
    # follow-ups (issue 22): the case's people read, its clinician records; the registry is for
    # trainers and academy admins
    Op("my_follow_ups", "get", "/outcomes/follow-ups", None, SIGNED_IN),
    Op(
        "follow_up",
        "get",
        "/outcomes/follow-ups/{follow_up}",
        None,
        {"lena": 200, "nora": 404, "theo": 404, "ada": 200, "bob": 404},
    ),
    Op(
        "record_follow_up",
        "post",
        "/outcomes/follow-ups/{follow_up}",
        "FOLLOW_UP",
        {"lena": 200, "nora": 404, "theo": 403, "ada": 403, "bob": 403},
    ),
    Op(
        "registry",
        "get",
        "/outcomes/registry",
        None,
        {"lena": 403, "nora": 403, "theo": 200, "ada": 200, "bob": 200},
    ),
]
CASES = [(op, persona) for op in OPS for persona in PERSONAS]


@pytest.fixture
def people(lena: User, nora: User, theo: User, ada: User) -> dict[str, User | None]:
    bob = make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)
    f.provider(admins=[bob])
    return {"anonymous": None, "lena": lena, "nora": nora, "theo": theo, "ada": ada, "bob": bob}


@pytest.fixture
def world(people: dict[str, User | None]) -> dict[str, int]:
    provider = f.provider(admins=[people["ada"]], allows_unverified=True)  # type: ignore[list-item]
    course = f.course(provider)
    run = f.run(course)
    other = f.run(course)
    enrolment = Enrolment.objects.create(run=other, learner=people["lena"], status="enrolled")
    attempt = attempt_submit(
        user=people["lena"],  # type: ignore[arg-type]
        ex=get_exercise("jowl"),
        face_id="female",
        mode="test",
        raw_plan=good_plan(),
        started_at=None,
    )
    case = Case.objects.create(
        learner=people["lena"],
        run=other,
        date=timezone.localdate(),
        setting="model",
        supervision="supervised",
        indication="jowl",
        anaesthesia="none",
        plan={},
        plan_score={},
    )
    tina = make_user("tina@example.org", "Dr Tina Hands-on", Role.TRAINER)
    hands_on = hands_on_run(tina, people["lena"], admins=[people["ada"]])  # type: ignore[arg-type]
    treated = treated_case(people["lena"], hands_on, days_ago=4)  # type: ignore[arg-type]
    return {
        "provider": provider.pk,
        "course": course.pk,
        "run": run.pk,
        "enrolment": enrolment.pk,
        "attempt": attempt.pk,
        "learning_run": other.pk,
        "case": case.pk,
        "follow_up": FollowUp.objects.get(case=treated, day=3).pk,
    }


def _body(op: Op) -> Any:
    if op.body == "RUN":
        return run_body()
    if op.body == "SIM":
        return {"exercise": "jowl", "face": "male", "mode": "test", "plan": good_plan("male")}
    if op.body == "FOLLOW_UP":
        return {"seen": True, "seen_on": timezone.localdate().isoformat(), "symptoms": ["pain"]}
    if op.body == "PATIENT":
        return json.loads(PATIENT.read_text())
    return op.body


@pytest.mark.parametrize(
    ("op", "persona"), CASES, ids=[f"{op.name}-{persona}" for op, persona in CASES]
)
def test_each_persona_gets_the_expected_status(
    op: Op, persona: str, people: dict[str, User | None], world: dict[str, int]
) -> None:
    client = session_client(people[persona])
    path = op.path.format(**world)
    if op.method == "get":
        response = client.client.get("/api/v1" + path)
    else:
        response = client.send(op.method, path, _body(op))
    expected = op.expect.get(persona, 401)
    if expected >= 400:
        assert_error(response, expected)
    else:
        assert response.status_code == expected, response.content[:400]


def test_every_private_operation_is_in_the_matrix() -> None:
    private = {
        name.split(":", 1)[1]
        for name, _ in named_urls()
        if name.startswith("api:") and name not in PUBLIC
    }
    assert private == {op.name for op in OPS}
