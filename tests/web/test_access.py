"""Every private page refuses an anonymous visitor and a user of the wrong role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import User
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

# (url name, args, method, personas who may use it)
PRIVATE_PAGES = [
    ("core:dashboard", [], "get", {"lena", "theo", "ada", "vera"}),
    ("accounts:profile", [], "get", {"lena", "theo", "ada", "vera"}),
    ("accounts:password_change", [], "get", {"lena", "theo", "ada", "vera"}),
    ("accounts:trainer_profile", [], "get", {"theo"}),
    # Verification belongs to platform verifiers; academy admins only see the result.
    ("accounts:practitioners", [], "get", {"vera"}),
    ("accounts:verify", ["lena_profile"], "get", {"vera"}),
    ("lti:registrations", [], "get", {"ada"}),  # LMS connections: academy admins only
    # Conflict-of-interest declarations: trainers and course planners (academy admins).
    ("catalog:declaration", [], "get", {"theo", "ada"}),
    # workplace-based assessment (logbook/wba_views): learners request, academy admins confirm
    ("logbook:wba_list", [], "get", {"lena"}),
    ("logbook:wba_request", [], "get", {"lena"}),
    ("logbook:wba_confirm_list", [], "get", {"ada"}),
]


@pytest.mark.parametrize(("name", "args", "method", "allowed"), PRIVATE_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(
    client: object, lena: User, name: str, args: list[str], method: str, allowed: set[str]
) -> None:
    url = reverse(name, args=[lena.profile.pk if a == "lena_profile" else a for a in args])
    response = getattr(client_for(None), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "args", "method", "allowed"), PRIVATE_PAGES)
def test_each_persona_reaches_only_the_pages_of_their_role(
    lena: User,
    theo: User,
    ada: User,
    vera: User,
    name: str,
    args: list[str],
    method: str,
    allowed: set[str],
) -> None:
    url = reverse(name, args=[lena.profile.pk if a == "lena_profile" else a for a in args])
    for persona, user in {"lena": lena, "theo": theo, "ada": ada, "vera": vera}.items():
        response = getattr(client_for(user), method)(url)
        if persona in allowed:
            assert response.status_code in (200, 302), (persona, url, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, (persona, url, response.status_code)


def test_the_navigation_shows_only_what_the_role_can_use(lena: User, ada: User, vera: User) -> None:
    learner_nav = client_for(lena).get(reverse("core:dashboard")).content.decode()
    admin_nav = client_for(ada).get(reverse("core:dashboard")).content.decode()
    verifier_nav = client_for(vera).get(reverse("core:dashboard")).content.decode()
    assert reverse("accounts:practitioners") not in learner_nav
    assert reverse("accounts:trainer_profile") not in learner_nav
    assert reverse("accounts:practitioners") not in admin_nav
    assert reverse("accounts:practitioners") in verifier_nav


def test_the_staff_admin_refuses_non_staff(lena: User) -> None:
    response = client_for(lena).get("/staff/")
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]
