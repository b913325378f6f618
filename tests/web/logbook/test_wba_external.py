"""External assessors without an account: a single-use, expiring, signed link e-mailed through
the task queue; only its hash is stored; a used, expired or tampered link gets a clear page and
changes nothing; the result is unverified until an admin of that academy confirms it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.logbook.wba_models import WbaAssessment, WbaLink
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.logbook.wba_helpers import (
    a_case,
    assessor_post,
    link_from_outbox,
    only,
    queued_emails,
    ratings_post,
    request_external,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(lena: User, theo: User, ada: User) -> str:
    run = hands_on_run(theo, lena, admins=[ada])
    case = a_case(lena, run)
    assert request_external(client_for(lena), case).status_code == 302
    (mail,) = queued_emails()
    assert mail["to"] == ["sam@clinic.example"]
    return link_from_outbox(mail["body"])


def test_the_link_is_mailed_and_only_its_hash_is_stored(link: str) -> None:
    stored = WbaLink.objects.get()
    assert stored.token_hash not in link
    assert len(stored.token_hash) == 64
    assessment = only()
    assert (assessment.status, assessment.identity) == ("requested", "unverified")


def test_the_assessor_completes_the_form_once_and_a_replay_changes_nothing(link: str) -> None:
    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200
    assert "Mini clinical evaluation exercise" in page.content.decode()
    done = anonymous.post(link, {**assessor_post(), **ratings_post("mini_cex", "7")})
    assert done.status_code == 200
    assessment = only()
    assert (assessment.status, assessment.overall, assessment.identity) == (
        "completed",
        7,
        "unverified",
    )
    assert assessment.registration_body == "GMC"
    assert WbaLink.objects.get().used_at is not None
    replay = anonymous.post(link, {**assessor_post(), **ratings_post("mini_cex", "2")})
    assert replay.status_code == 410
    assert "already used" in replay.content.decode()
    assert anonymous.get(link).status_code == 410
    assert only().overall == 7


def test_an_expired_link_gets_a_clear_page_and_changes_nothing(link: str) -> None:
    WbaLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().post(link, {**assessor_post(), **ratings_post("mini_cex")})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert only().status == "requested"


@pytest.mark.parametrize("change", ["cut", "swap", "garbage"])
def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(link: str, change: str) -> None:
    token = link.rstrip("/").rsplit("/", 1)[1]
    bad = {
        "cut": token[:-3],
        "swap": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "garbage": "not-a-token",
    }[change]
    response = Client().post(
        f"/logbook/wba/external/{bad}/", {**assessor_post(), **ratings_post("mini_cex")}
    )
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert only().status == "requested"


def test_a_signed_link_with_the_wrong_secret_is_refused(link: str) -> None:
    from django.core import signing

    from academy.logbook.wba_services import LINK_SALT

    forged = signing.dumps({"l": WbaLink.objects.get().pk, "t": "guess"}, salt=LINK_SALT)
    assert Client().get(f"/logbook/wba/external/{forged}/").status_code == 404


def test_bad_input_gets_field_messages_and_keeps_what_was_typed(link: str) -> None:
    data = {**assessor_post(**{"who-registration_number": ""}), **ratings_post("mini_cex")}
    del data["domain_overall"]
    response = Client().post(link, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "This field is required" in text
    assert "Dr Sam Supervisor" in text  # kept
    assert only().status == "requested"
    assert WbaLink.objects.get().used_at is None


def test_the_public_form_is_rate_limited(link: str) -> None:
    anonymous = Client()
    for _ in range(10):
        anonymous.post(link, {})
    assert anonymous.post(link, {}).status_code == 429


def test_an_admin_of_that_academy_confirms_the_assessor(link: str, ada: User) -> None:
    Client().post(link, {**assessor_post(), **ratings_post("mini_cex", "6")})
    assessment = only()
    admin = client_for(ada)
    page = admin.get("/logbook/wba/confirm/")
    assert "Dr Sam Supervisor" in page.content.decode()
    admin.post(f"/logbook/wba/{assessment.pk}/confirm/", {"checked": "yes"})
    assessment.refresh_from_db()
    assert (assessment.identity, assessment.confirmed_by) == ("confirmed", ada)
    admin.get("/")  # the confirmation message is shown once
    assert "Nothing to confirm" in admin.get("/logbook/wba/confirm/").content.decode()


def test_another_academys_admin_and_the_others_cannot_confirm(
    link: str, lena: User, theo: User
) -> None:
    Client().post(link, {**assessor_post(), **ratings_post("mini_cex", "6")})
    assessment = only()
    other = make_user("olga@example.org", "Olga Otheradmin", Role.ACADEMY_ADMIN)
    factories.provider(admins=[other])
    url = f"/logbook/wba/{assessment.pk}/confirm/"
    assert client_for(other).post(url, {"checked": "yes"}).status_code == 404
    assert "Dr Sam" not in client_for(other).get("/logbook/wba/confirm/").content.decode()
    assert client_for(lena).post(url, {"checked": "yes"}).status_code == 403
    assert client_for(theo).post(url, {"checked": "yes"}).status_code == 403
    assert client_for(lena).get("/logbook/wba/confirm/").status_code == 403
    assert Client().post(url, {"checked": "yes"}).status_code == 302  # to log-in
    assert WbaAssessment.objects.get().identity == "unverified"


def test_patient_feedback_needs_no_registration_and_sums_the_care_items(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    assert request_external(client_for(lena), None, kind="patient", run=run).status_code == 302
    link = link_from_outbox(queued_emails()[0]["body"])
    response = Client().post(
        link, {"who-assessor_name": "A patient", **ratings_post("patient", "4")}
    )
    assert response.status_code == 200
    assert only().overall == 40


def test_the_learner_or_an_admin_of_the_academy_sends_a_new_link(
    link: str, lena: User, ada: User, theo: User
) -> None:
    assessment = only()
    url = f"/logbook/wba/{assessment.pk}/resend/"
    other = make_user("olga@example.org", "Olga Otheradmin", Role.ACADEMY_ADMIN)
    factories.provider(admins=[other])
    assert client_for(other).post(url).status_code == 404
    assert client_for(theo).post(url).status_code == 404
    assert client_for(ada).post(url).status_code == 302
    assert len(queued_emails()) == 2
    fresh = link_from_outbox(queued_emails()[1]["body"])
    assert Client().get(link).status_code == 410  # the first link stops working
    assert Client().get(fresh).status_code == 200
    assert client_for(lena).post(url).status_code == 302
    assert Client().get(fresh).status_code == 410
    newest = link_from_outbox(queued_emails()[2]["body"])
    Client().post(newest, {**assessor_post(), **ratings_post("mini_cex", "5")})
    assert client_for(lena).post(url).status_code == 404  # completed: nothing to send


def test_my_academy_links_its_admins_to_the_assessors_to_confirm(ada: User) -> None:
    from django.urls import reverse

    page = client_for(ada).get(reverse("catalog:provider_home"))
    assert reverse("logbook:wba_confirm_list") in page.content.decode()
