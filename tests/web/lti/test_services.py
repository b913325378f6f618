"""Deep linking, the LMS roster (NRPS) and grades sent back (AGS) against the test platform."""

from __future__ import annotations

import jwt
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from jwt.algorithms import RSAAlgorithm

from academy.accounts.models import User
from academy.learning.models import Attempt
from academy.lti import keys, targets
from academy.lti.models import LtiGradeLink, LtiIdentity, LtiKey, LtiLaunch
from academy.lti.services import key_rotate
from tests.web.conftest import client_for, run_tasks
from tests.web.learning import helpers as h
from tests.web.lti import helpers as lti
from tests.web.lti.platform import CLIENT_ID, INSTRUCTOR, LEARNER, Platform


def _world(lena: User, theo: User, ada: User, platform: Platform) -> h.World:
    w = h.world(lena, theo, ada)
    row = lti.register(platform, w.run.course.provider)
    now = timezone.now()
    LtiIdentity.objects.create(
        issuer=platform.issuer, sub="lena-lms", user=lena, platform=row, created_at=now
    )
    LtiIdentity.objects.create(
        issuer=platform.issuer, sub="theo-lms", user=theo, platform=row, created_at=now
    )
    return w


def _verify(token: str, jwks: dict) -> dict:
    header = jwt.get_unverified_header(token)
    jwk = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    return jwt.decode(
        token,
        RSAAlgorithm.from_jwk(jwk),  # type: ignore[arg-type]
        algorithms=["RS256"],
        audience=[jwt.decode(token, options={"verify_signature": False})["aud"][0]],
    )


@pytest.mark.django_db
def test_an_instructor_places_a_lesson_and_a_quiz_and_the_platform_gets_a_signed_answer(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    client = Client()
    response = lti.launch(
        client, platform, sub="theo-lms", roles=(INSTRUCTOR,), message_type="LtiDeepLinkingRequest"
    )
    assert response.status_code == 302
    # a launch never skips the trainer's second factor
    assert "/second-factor/" in client.get(response["Location"])["Location"]
    lti.pass_second_factor(client, theo)
    picker = client.get(response["Location"])
    assert picker.status_code == 200
    lesson_key = next(c.key for c in targets.choices_for_run(w.run) if c.kind == "lesson")
    quiz_key = f"quiz:{w.run.pk}:{h.MODULE}"
    assert lesson_key.encode() in picker.content
    assert quiz_key.encode() in picker.content
    # nothing chosen, or something not offered: the picker again with a message
    assert client.post(response["Location"], {}).status_code == 400
    assert client.post(response["Location"], {"item": "lesson:999:x"}).status_code == 400
    answer = client.post(response["Location"], {"item": [lesson_key, quiz_key]})
    assert answer.status_code == 200
    token = answer.context["token"]
    assert platform.base in answer["Content-Security-Policy"]  # the form may post to the LMS
    claims = _verify(token, Client().get(reverse("lti:jwks")).json())
    assert claims["iss"] == CLIENT_ID
    assert claims["aud"] == [platform.issuer]
    dl = "https://purl.imsglobal.org/spec/lti-dl/claim/"
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == (
        "LtiDeepLinkingResponse"
    )
    assert claims[dl + "data"] == "dl-data-1"
    items = claims[dl + "content_items"]
    assert [i["custom"]["threadlift_target"] for i in items] == [lesson_key, quiz_key]
    assert "lineItem" in items[1]
    assert "lineItem" not in items[0]


@pytest.mark.django_db
def test_deep_linking_is_refused_to_an_lms_instructor_who_trains_nothing_here(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    _world(lena, theo, ada, platform)
    response = lti.launch(
        Client(),
        platform,
        sub="lena-lms",
        roles=(INSTRUCTOR,),
        message_type="LtiDeepLinkingRequest",
    )
    assert response.status_code == 403
    assert LtiLaunch.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_instructor_sees_the_lms_roster(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    client = Client()
    lti.launch(
        client, platform, sub="theo-lms", roles=(INSTRUCTOR,), target=f"quiz:{w.run.pk}:{h.MODULE}"
    )
    platform.tool_keys = Client().get(reverse("lti:jwks")).json()["keys"]
    lti.pass_second_factor(client, theo)
    platform.members = [
        {
            "user_id": "lena-lms",
            "name": "Lena in the LMS",
            "email": "l@lms",
            "roles": [LEARNER],
            "status": "Active",
        },
        {"user_id": "nobody", "name": "Nob Ody", "roles": [LEARNER]},
    ]
    launch = LtiLaunch.objects.get()
    page = client.get(reverse("lti:roster", args=[launch.pk]))
    assert page.status_code == 200, page.content[:300]
    assert b"Lena in the LMS" in page.content
    assert b"Nob Ody" in page.content
    assert page.content.count(b'badge ok">Linked') == 1
    # someone else's launch: not theirs
    assert client_for(ada).get(reverse("lti:roster", args=[launch.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_quiz_result_arrives_at_the_platform_through_the_task_queue(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    client = Client()
    response = lti.launch(client, platform, sub="lena-lms", target=f"quiz:{w.run.pk}:{h.MODULE}")
    assert response.status_code == 302
    platform.tool_keys = Client().get(reverse("lti:jwks")).json()["keys"]
    link = LtiGradeLink.objects.get()
    assert link.lineitem == platform.lineitem
    run_tasks()  # nothing finished yet: nothing sent
    assert platform.scores == []
    attempt = h.start(client, w)
    h.answer_all(client, attempt, lambda i, item: h.right_answer(item))
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.passed
    run_tasks()
    assert len(platform.scores) == 1
    score = platform.scores[0]
    assert score["userId"] == "lena-lms"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (attempt.total, attempt.size)
    assert score["gradingProgress"] == "FullyGraded"
    link.refresh_from_db()
    assert link.last_score == f"{attempt.total:g}/{attempt.size}"


def _learner_launches_the_quiz(
    lena: User, theo: User, ada: User, platform: Platform
) -> tuple[h.World, Client]:
    """Lena launches the module's quiz from the LMS; the platform learns the tool's keys."""
    w = _world(lena, theo, ada, platform)
    client = Client()
    lti.launch(client, platform, sub="lena-lms", target=f"quiz:{w.run.pk}:{h.MODULE}")
    platform.tool_keys = Client().get(reverse("lti:jwks")).json()["keys"]
    return w, client


@pytest.mark.django_db(transaction=True)
def test_a_failed_quiz_result_arrives_at_the_platform_too(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w, client = _learner_launches_the_quiz(lena, theo, ada, platform)
    run_tasks()  # the launch's own sync: nothing finished yet, nothing sent
    assert platform.scores == []
    attempt = h.start(client, w)
    h.answer_all(client, attempt, lambda i, item: h.wrong_answer(item))
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert not attempt.passed
    run_tasks()
    (score,) = platform.scores
    assert (score["scoreGiven"], score["scoreMaximum"]) == (attempt.total, attempt.size)


@pytest.mark.django_db(transaction=True)
def test_a_refused_score_is_queued_again_for_later(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    from academy.lti import tasks

    w, client = _learner_launches_the_quiz(lena, theo, ada, platform)
    attempt = h.start(client, w)
    h.answer_all(client, attempt, lambda i, item: h.right_answer(item))
    platform.fail_scores = 1
    link = LtiGradeLink.objects.get()
    assert tasks.grade_send.call(link_id=link.pk) == "retry"
    assert platform.scores == []
    assert tasks.grade_send.call(link_id=link.pk, attempt=2) == "sent"
    assert len(platform.scores) == 1


@pytest.mark.django_db
def test_keys_are_sealed_published_and_rotated(ada: User) -> None:
    from tests.web.catalog import factories

    provider = factories.provider(admins=[ada])
    now = timezone.now()
    first = keys.signing_key(provider=provider, now=now)
    assert "PRIVATE" not in first.sealed_private_key
    assert first.sealed_private_key.startswith("v1:")
    assert "BEGIN PRIVATE KEY" in keys.private_pem(first)
    second = key_rotate(provider=provider, now=now)
    published = {k["kid"] for k in Client().get(reverse("lti:jwks")).json()["keys"]}
    assert {first.kid, second.kid} <= published  # the old key stays for the grace period
    LtiKey.objects.filter(pk=first.pk).update(retired_at=now - keys.GRACE)
    published = {k["kid"] for k in Client().get(reverse("lti:jwks")).json()["keys"]}
    assert first.kid not in published
    assert second.kid in published
    for jwk in Client().get(reverse("lti:jwks")).json()["keys"]:
        assert "d" not in jwk
        assert "p" not in jwk


@pytest.mark.django_db(transaction=True)
def test_a_simulator_attempt_sends_the_exercises_mastery(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    from tests.web.simulator.conftest import good_plan, submit

    w = _world(lena, theo, ada, platform)
    client = Client()
    response = lti.launch(client, platform, sub="lena-lms", target=f"exercise:{w.run.pk}:jowl")
    assert response["Location"] == reverse("simulator:exercise", args=["jowl"])
    platform.tool_keys = Client().get(reverse("lti:jwks")).json()["keys"]
    run_tasks()
    assert platform.scores == []  # no attempt yet: nothing to say
    assert submit(client, good_plan()).status_code in (200, 302)
    run_tasks()
    assert len(platform.scores) == 1
    score = platform.scores[0]
    assert (score["scoreGiven"], score["scoreMaximum"]) == (0, 1)  # one attempt is no mastery
    assert score["activityProgress"] == "InProgress"
    assert score["comment"] == "Not mastered yet"
