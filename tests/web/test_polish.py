"""What a user found rough: codes instead of words, a button that can only fail, an enrol
POST that lost the visitor, two "unconfirmed" badges on one claim, long unpaginated lists."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from academy.accounts.models import PractitionerProfile, User
from academy.catalog.models import CourseRun, Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

# The codes, and the codes with "_" cut out (how the course page showed them: "plasticsurgeon").
CODES = re.compile(
    r"(?i)\b(plastic_?surgeon|registered_?nurse|other_?medical_?specialist|nurse_?practitioner|"
    r"physician_?assistant|academy_?admin)\b"
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_shows_a_profession_or_role_code_to_people() -> None:
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    admin = User.objects.get(email="admin@demo.threadlift.test")
    runs = list(CourseRun.objects.published()[:6])
    urls = [reverse("catalog:list"), reverse("core:dashboard"), reverse("accounts:profile")]
    urls += [reverse("catalog:run", args=[r.pk]) for r in runs]
    urls += [reverse("catalog:course", args=[r.course.provider.slug, r.course.slug]) for r in runs]
    urls += [reverse("catalog:compare") + "?" + "&".join(f"run={r.pk}" for r in runs[:3])]
    urls += [reverse("accounts:practitioners") + "?show=all", reverse("catalog:provider_home")]
    urls += [reverse("catalog:course_edit", args=[r.course.pk]) for r in runs]
    urls += [reverse("catalog:provider", args=[r.course.provider.slug]) for r in runs]
    urls += [reverse("knowledge:regulation"), reverse("accounts:signup")]
    urls += [
        reverse("catalog:roster", args=[r.pk])
        for r in runs
        if r.course.provider.admins.filter(pk=admin.pk).exists()
    ][:2]
    for email in ("admin@demo.threadlift.test", "nurse@demo.threadlift.test"):
        client = client_for(User.objects.get(email=email))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue
            found = CODES.findall(visible_text(response.content.decode()))
            assert not found, (email, url, found)


def test_a_run_offers_no_enrol_button_when_enrolment_would_be_refused(nora: User) -> None:
    PractitionerProfile.objects.filter(user=nora).update(verified=True)
    run = f.run()  # doctors only
    html = client_for(nora).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert "You may not enrol" in html
    assert "Try to enrol" not in html
    assert reverse("catalog:enrol", args=[run.pk]) not in html


def test_a_run_offers_enrolment_when_it_can_succeed(lena: User) -> None:
    PractitionerProfile.objects.filter(user=lena).update(verified=True)
    run = f.run()
    html = client_for(lena).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert "Enrol on this run" in html


def test_an_anonymous_enrol_post_goes_to_log_in_and_comes_back_to_the_run(lena: User) -> None:
    run = f.run()
    client = Client()
    response = client.post(reverse("catalog:enrol", args=[run.pk]))
    assert response.status_code == 302
    run_url = reverse("catalog:run", args=[run.pk])
    assert response["Location"] == f"{reverse('accounts:login')}?next={run_url}"
    back = client.post(response["Location"], {"username": "lena@example.org", "password": PASSWORD})
    assert back["Location"] == run_url
    assert client.get(back["Location"]).status_code == 200
    assert not Enrolment.objects.exists()


def test_a_claim_marked_unconfirmed_gets_one_unconfirmed_badge_not_two() -> None:
    html = Client().get(reverse("knowledge:bibliography")).content.decode()
    entry = html.split('id="TA-FACTBASE"', 1)[1].split("</li>", 1)[0]
    meta = entry.split('class="record-meta"', 1)[1].split("</p>", 1)[0]
    assert len(re.findall(r"(?i)>\s*unconfirmed\s*<", meta)) == 1, meta


def test_every_page_links_the_favicon_and_the_file_is_ours() -> None:
    html = Client().get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]+favicon\.svg" type="image/svg\+xml">', html)
    path = finders.find("img/favicon.svg")
    assert path is not None
    assert "<svg" in open(path).read()  # noqa: SIM115


def test_the_roster_is_paginated(ada: User) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    run = f.run(f.course(f.provider(admins=[ada]), professions=["physician"]), seats=100)
    for i in range(55):
        learner = make_user(f"r{i}@example.org", f"R {i}", Role.LEARNER)
        Enrolment.objects.create(run=run, learner=learner, status="enrolled")
    html = client_for(ada).get(reverse("catalog:roster", args=[run.pk])).content.decode()
    assert "Page 1 of 2" in html
    assert "r54@example.org" not in html
    page2 = client_for(ada).get(reverse("catalog:roster", args=[run.pk]) + "?page=2")
    assert "Page 2 of 2" in page2.content.decode()


def test_an_anonymous_cancel_post_goes_to_log_in_and_then_to_the_dashboard() -> None:
    response = Client().post(reverse("catalog:cancel", args=[1]))
    assert response["Location"] == f"{reverse('accounts:login')}?next={reverse('core:dashboard')}"
