"""LTI 1.3 launches against a platform started by the test: the signed launch is accepted and
opens the target; every bad launch is refused with a 4xx page that says why."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.learning import content
from academy.lti.models import LaunchRole, LtiIdentity, LtiLaunch
from tests.web.conftest import client_for
from tests.web.learning import helpers as h
from tests.web.lti import helpers as lti
from tests.web.lti.platform import INSTRUCTOR, Platform

pytestmark = pytest.mark.django_db


def _world(lena: User, theo: User, ada: User, platform: Platform) -> h.World:
    w = h.world(lena, theo, ada)
    lti.register(platform, w.run.course.provider)
    return w


def _lesson_target(w: h.World) -> str:
    lesson = content.lessons_for(w.run.course, h.MODULE)[0]
    return f"lesson:{w.run.pk}:{lesson.id}"


def _link(w: h.World, user: User, platform: Platform, sub: str = "lms-user-1") -> None:
    from django.utils import timezone

    row = w.run.course.provider.lti_platforms.get()
    LtiIdentity.objects.create(
        issuer=platform.issuer, sub=sub, user=user, platform=row, created_at=timezone.now()
    )


def test_a_signed_launch_signs_the_learner_in_and_opens_the_lesson_in_a_frame(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, lena, platform)
    client = Client()
    response = lti.launch(client, platform, target=_lesson_target(w))
    assert response.status_code == 302, response.content[:500]
    lesson_id = _lesson_target(w).rsplit(":", 1)[1]
    assert response["Location"] == reverse("learning:lesson", args=[w.run.pk, lesson_id])
    assert f"frame-ancestors 'self' {platform.base}" in response["Content-Security-Policy"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.wsgi_request.user == lena
    # the lesson page may be framed by this LMS, and by nobody else
    assert f"frame-ancestors 'self' {platform.base}" in page["Content-Security-Policy"]
    assert "X-Frame-Options" not in page
    launch = LtiLaunch.objects.get()
    assert (launch.role, launch.user) == (LaunchRole.LEARNER, lena)


def test_other_sessions_keep_frame_ancestors_none(lena: User) -> None:
    page = client_for(lena).get(reverse("learning:index"))
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_the_first_launch_makes_a_learner_account_with_an_unconfirmed_address(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    response = lti.launch(Client(), platform, sub="new-person", target=_lesson_target(w))
    identity = LtiIdentity.objects.get(sub="new-person")
    user = identity.user
    assert user.email == "lia@lms.example"
    assert user.email_confirmed_at is None  # the LMS's word is not a confirmation
    assert not user.has_usable_password()
    assert user.has_role(Role.LEARNER)
    assert not user.has_role(Role.TRAINER)
    # not enrolled in the run: told so, not shown the lesson
    assert response.status_code == 200
    assert b"not enrolled" in response.content
    # a second launch by the same LMS user finds the same account
    lti.launch(Client(), platform, sub="new-person", target=_lesson_target(w))
    assert User.objects.filter(lti_identities__sub="new-person").count() == 1


def test_an_lms_address_that_an_account_already_has_is_never_matched_to_it(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    claims = {"email": "lena@example.org"}
    lti.launch(Client(), platform, sub="someone", target=_lesson_target(w), extra=claims)
    identity = LtiIdentity.objects.get(sub="someone")
    assert identity.user != lena
    assert identity.user.email.endswith("@lti.invalid")


def test_an_lms_instructor_who_does_not_train_the_run_gets_a_learners_view(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, lena, platform)
    client = Client()
    response = lti.launch(client, platform, roles=(INSTRUCTOR,), target=_lesson_target(w))
    launch = LtiLaunch.objects.get()
    assert launch.role == LaunchRole.LEARNER
    assert b"does not train this run" in response.content
    assert client.get(reverse("learning:trainer", args=[w.run.pk])).status_code in (403, 404)
    assert client.get(reverse("lti:roster", args=[launch.pk])).status_code == 404


def test_an_lms_instructor_who_trains_the_run_gets_the_instructor_view(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, theo, platform, sub="theo-in-lms")
    response = lti.launch(
        Client(), platform, sub="theo-in-lms", roles=(INSTRUCTOR,), target=_lesson_target(w)
    )
    assert response.status_code == 200
    assert LtiLaunch.objects.get().role == LaunchRole.INSTRUCTOR
    assert reverse("learning:trainer", args=[w.run.pk]).encode() in response.content


def test_a_trainer_without_the_lms_instructor_role_launches_as_a_learner(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, theo, platform, sub="theo-in-lms")
    lti.launch(Client(), platform, sub="theo-in-lms", target=_lesson_target(w))
    assert LtiLaunch.objects.get().role == LaunchRole.LEARNER


# --- refusals -------------------------------------------------------------------------------


def _refused(response: object, status: int, words: str) -> None:
    assert response.status_code == status, (response.status_code, response.content[:400])  # type: ignore[attr-defined]
    assert words.encode() in response.content  # type: ignore[attr-defined]
    assert LtiLaunch.objects.count() == 0


def test_a_replayed_launch_is_refused(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, lena, platform)
    client = Client()
    started = lti.login(client, platform)
    token = platform.id_token(nonce=started.nonce, target=_lesson_target(w))
    first = client.post(reverse("lti:launch"), {"id_token": token, "state": started.state})
    assert first.status_code == 302
    LtiLaunch.objects.all().delete()
    again = client.post(reverse("lti:launch"), {"id_token": token, "state": started.state})
    _refused(again, 400, "Invalid Nonce")


def test_an_expired_launch_is_refused(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _refused(
        lti.launch(Client(), platform, target=_lesson_target(w), expires_in=-60),
        400,
        "expired",
    )


def test_an_unregistered_issuer_is_refused_at_log_in_and_at_launch(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    client = Client()
    response = client.get(
        reverse("lti:login"),
        {"iss": "https://lms.unknown.example", "login_hint": "x", "client_id": "threadlift-tool"},
    )
    _refused(response, 400, "registration")
    started = lti.login(client, platform)
    token = platform.id_token(
        nonce=started.nonce, target=_lesson_target(w), iss="https://lms.unknown.example"
    )
    response = client.post(reverse("lti:launch"), {"id_token": token, "state": started.state})
    _refused(response, 403, "Registration not found")


@pytest.mark.parametrize(
    ("claims", "status", "words"),
    [
        ({"aud": "another-tool"}, 403, "Registration not found"),
        ({"deployment_id": "deployment-9"}, 400, "Unable to find deployment"),
        ({"drop": ("sub",)}, 400, "refused"),
        ({"drop": ("nonce",)}, 400, "nonce"),
        ({"drop": ("https://purl.imsglobal.org/spec/lti/claim/message_type",)}, 400, "message"),
    ],
)
def test_bad_claims_are_refused(
    lena: User, theo: User, ada: User, platform: Platform, claims: dict, status: int, words: str
) -> None:
    w = _world(lena, theo, ada, platform)
    _refused(lti.launch(Client(), platform, target=_lesson_target(w), **claims), status, words)


def test_a_token_signed_by_another_key_is_refused(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    from tests.web.lti.platform import _key

    w = _world(lena, theo, ada, platform)
    response = lti.launch(Client(), platform, target=_lesson_target(w), key=_key())
    _refused(response, 400, "Signature verification failed")


def test_a_malformed_token_and_a_bad_state_are_refused(
    lena: User, theo: User, ada: User, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    w = _world(lena, theo, ada, platform)
    client = Client()
    started = lti.login(client, platform)
    with caplog.at_level(logging.WARNING, logger="academy.lti"):
        response = client.post(
            reverse("lti:launch"), {"id_token": "not.a-jwt", "state": started.state}
        )
    _refused(response, 400, "refused")
    token = platform.id_token(nonce=started.nonce, target=_lesson_target(w))
    response = client.post(reverse("lti:launch"), {"id_token": token, "state": "state-forged"})
    _refused(response, 400, "State not found")
    # without the browser's state cookie (another browser) the state is refused too
    response = Client().post(reverse("lti:launch"), {"id_token": token, "state": started.state})
    _refused(response, 400, "State not found")
    assert "LTI refused" in caplog.text
    assert token not in caplog.text


def test_a_launch_naming_another_academys_run_is_refused(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    _link(w, lena, platform)
    from tests.web.catalog import factories

    other = factories.run(factories.course(factories.provider()))
    lesson = _lesson_target(w).rsplit(":", 1)[1]
    response = lti.launch(Client(), platform, target=f"lesson:{other.pk}:{lesson}")
    assert response.status_code == 404
    assert b"academy does not have" in response.content


def test_a_staff_account_cannot_be_used_through_an_lms(
    lena: User, theo: User, ada: User, platform: Platform
) -> None:
    w = _world(lena, theo, ada, platform)
    lena.is_staff = True
    lena.save()
    _link(w, lena, platform)
    response = lti.launch(Client(), platform, target=_lesson_target(w))
    assert response.status_code == 403
