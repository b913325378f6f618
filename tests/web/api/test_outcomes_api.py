"""The follow-ups and registry API: the same access, validation and suppression as the pages."""

from __future__ import annotations

import pytest
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.outcomes.models import FollowUp
from tests.web.api.conftest import assert_error, session_client, token_client
from tests.web.conftest import make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.outcomes.builders import seen, treated_case

pytestmark = pytest.mark.django_db


def body(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "seen": True,
        "seen_on": timezone.localdate().isoformat(),
        "symptoms": ["swelling", "redness", "warmth", "fever"],
        "satisfaction": 3,
        "complications": [{"complication": "infection", "severity": "moderate", "onset_day": 2}],
    }
    data.update(changes)
    return data


def test_a_clinician_lists_and_records_follow_ups_with_triage(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=4)
    client = token_client(lena)
    listed = client.get("/outcomes/follow-ups", status="due").json()
    assert [f["day"] for f in listed] == [3, 14, 90]
    item = FollowUp.objects.get(case=case, day=3)
    response = client.post(f"/outcomes/follow-ups/{item.pk}", body())
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "seen"
    assert out["urgency"] in {"urgent", "emergency"}
    assert out["complications"][0]["complication"] == "infection"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"complications": [{"complication": "nope", "severity": "mild", "onset_day": 1}]},
            "complications[0].complication",
        ),
        ({"symptoms": ["sneezing"]}, "symptoms.0"),
        ({"seen_on": "2001-01-01"}, "seen_on"),
        ({"seen": False, "seen_on": None, "not_seen_reason": ""}, "not_seen_reason"),
        (
            {
                "complications": [
                    {
                        "complication": "infection",
                        "severity": "mild",
                        "onset_day": 1,
                        "resolved_on": "2001-01-01",
                    }
                ]
            },
            "complications[0].resolved_on",
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_saves_nothing(lena, theo, changes, field):
    run = hands_on_run(theo, lena)
    item = FollowUp.objects.get(case=treated_case(lena, run, days_ago=10), day=3)
    error = assert_error(
        token_client(lena).post(f"/outcomes/follow-ups/{item.pk}", body(**changes)), 422
    )
    assert field in error["fields"], error
    assert FollowUp.objects.get(pk=item.pk).status == "due"


def test_only_the_case_people_read_a_follow_up_and_only_its_clinician_records_it(lena, nora, theo):
    run = hands_on_run(theo, lena)
    item = FollowUp.objects.get(case=treated_case(lena, run, days_ago=4), day=3)
    path = f"/outcomes/follow-ups/{item.pk}"
    assert token_client(theo).get(path).status_code == 200
    assert_error(token_client(nora).get(path), 404)
    assert_error(session_client(None).get(path), 401)
    assert_error(token_client(nora).post(path, body()), 404)
    assert_error(token_client(theo).post(path, body()), 403)
    assert_error(token_client(lena, "read").post(path, body()), 403)
    assert FollowUp.objects.get(pk=item.pk).status == "due"


def test_the_registry_api_hides_small_groups_and_refuses_learners(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    for k in range(12):
        seen(treated_case(lena, run), complication="infection" if k < 2 else None)
    for _ in range(3):
        seen(treated_case(lena, run, product="silhouette_instalift"))
    out = (
        token_client(theo).get("/outcomes/registry", by="material", complication="infection").json()
    )
    assert out["threshold"] == 10
    # 3 PLLA cases are hidden, and the 12 PDO cases with them, or 15 - 12 would give them away
    assert [r["cases"] for r in out["rows"]] == [None, None]
    assert out["total"]["cases"] == 15
    assert_error(token_client(lena).get("/outcomes/registry"), 403)
    assert_error(token_client(theo).get("/outcomes/registry", scope="all"), 403)
    assert_error(token_client(theo).get("/outcomes/registry", complication="nope"), 422)
    other = make_user("otto@example.org", "Dr Otto Other", Role.TRAINER)
    hands_on_run(other)
    assert token_client(other).get("/outcomes/registry").json()["total"]["cases"] is None


def test_follow_ups_are_listed_with_a_bounded_number_of_queries(
    lena: User, theo: User, django_assert_max_num_queries
):
    run = hands_on_run(theo, lena)
    for k in range(3):
        seen(treated_case(lena, run, days_ago=20 + k), complication="infection")
    client = token_client(lena)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/outcomes/follow-ups")
    for k in range(6):
        seen(treated_case(lena, run, days_ago=30 + k), complication="infection")
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed = client.get("/outcomes/follow-ups").json()
    assert len(listed) == 27
