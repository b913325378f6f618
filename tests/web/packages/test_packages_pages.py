"""An academy's packages for other systems: the download page and the SCORM and QTI downloads,
for its admins and trainers only; the QTI bank holds its own published items and never another
academy's."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.authoring.models import AuthoredQuestion, StatedReference, Status
from academy.authoring.services import save_item
from academy.catalog.models import Provider
from tests.core.interop.schemas import ASI, MANIFEST, problems
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user
from threadlift.content.authored import authored_id, to_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy(ada: User, theo: User) -> Provider:
    """Ada administers it; Theo teaches one of its runs."""
    provider = f.provider(admins=[ada], name="Harbour Academy")
    f.run(f.course(provider)).trainers.set([theo])
    return provider


@pytest.fixture
def other(db: None) -> tuple[User, Provider]:
    user = make_user("olga@example.org", "Olga Other", Role.ACADEMY_ADMIN)
    return user, f.provider(admins=[user], name="Other Academy")


def a_question(
    provider: Provider, slug: str, status: str = Status.PUBLISHED, cite: str = "R1"
) -> Any:
    data = {
        "module": "complications",
        "outcome": "comp_common",
        "kind": "single",
        "difficulty": 1,
        "stem": f"Item {slug} of {provider.name}?",
        "options": [
            {"id": x, "text": x, "correct": x == "a", "why": f"Because. [{cite}] {x}"}
            for x in "abcd"
        ],
        "explanation": f"Explained. [{cite}]",
        "sources": [cite],
    }
    item = AuthoredQuestion(provider=provider, slug=slug, module_id="complications")
    item.source = to_yaml(data)
    references = list(StatedReference.objects.filter(provider=provider))
    save_item(item, author=provider.admins.first(), status=status, references=references)
    assert item.status == status, item.problems
    return item


def urls(provider: Provider) -> list[str]:
    return [
        reverse("packages:index", args=[provider.pk]),
        reverse("packages:scorm", args=[provider.pk, "aftercare"]),
        reverse("packages:qti", args=[provider.pk]),
    ]


def unzip(response: Any) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.content))


# ------------------------------------------------------------------ access


def test_an_anonymous_visitor_is_sent_to_log_in(academy: Provider) -> None:
    for url in urls(academy):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_learner_is_refused(academy: Provider, lena: User) -> None:
    for url in urls(academy):
        assert client_for(lena).get(url).status_code == 403


def test_another_academys_admin_is_refused(academy: Provider, other: tuple[User, Provider]) -> None:
    olga, _ = other
    for url in urls(academy):
        assert client_for(olga).get(url).status_code == 404


def test_the_admin_and_a_trainer_of_the_academy_may_download(
    academy: Provider, ada: User, theo: User
) -> None:
    for user in (ada, theo):
        client = client_for(user)
        page = client.get(urls(academy)[0])
        assert page.status_code == 200
        assert reverse("packages:qti", args=[academy.pk]) in page.content.decode()
        response = client.get(urls(academy)[1])
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "attachment" in response["Content-Disposition"]
        assert "imsmanifest.xml" in unzip(response).namelist()


def test_an_unknown_module_is_not_found(academy: Provider, ada: User) -> None:
    url = reverse("packages:scorm", args=[academy.pk, "no_such_module"])
    assert client_for(ada).get(url).status_code == 404


def test_the_authoring_page_links_to_the_packages(academy: Provider, ada: User) -> None:
    page = client_for(ada).get(reverse("authoring:provider", args=[academy.pk]))
    assert reverse("packages:index", args=[academy.pk]) in page.content.decode()


# ------------------------------------------------------------------ what the bank holds


def test_the_qti_bank_holds_the_academys_published_items_only(
    academy: Provider, ada: User, other: tuple[User, Provider]
) -> None:
    _, elsewhere = other
    a_question(academy, "ours")
    a_question(academy, "draft", status=Status.DRAFT)
    a_question(elsewhere, "theirs")
    names = unzip(client_for(ada).get(reverse("packages:qti", args=[academy.pk]))).namelist()
    assert f"items/{authored_id(academy.pk, 'ours')}.xml" in names
    assert f"items/{authored_id(academy.pk, 'draft')}.xml" not in names
    assert f"items/{authored_id(elsewhere.pk, 'theirs')}.xml" not in names
    assert any(n.startswith("items/q_") for n in names)  # and the curriculum's
    page = client_for(ada).get(reverse("packages:index", args=[academy.pk])).content.decode()
    assert "Item ours of Harbour Academy" in page
    assert "theirs" not in page


def test_the_download_page_makes_no_more_queries_with_more_items(
    academy: Provider, ada: User
) -> None:
    client = client_for(ada)
    url = reverse("packages:index", args=[academy.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as counted:
            assert client.get(url).status_code == 200
        return len(counted.captured_queries)

    a_question(academy, "one")
    few = count()
    for n in range(4):
        a_question(academy, f"more_{n}")
    assert count() <= few


def test_an_academy_item_citing_its_stated_reference_is_valid_qti(
    academy: Provider, ada: User
) -> None:
    StatedReference.objects.create(provider=academy, number=1, citation="Harbour handbook, 2025")
    a_question(academy, "handbook", cite="ACAD-1")
    bank = unzip(client_for(ada).get(reverse("packages:qti", args=[academy.pk])))
    item = bank.read(f"items/{authored_id(academy.pk, 'handbook')}.xml")
    assert problems(item, ASI) == []
    assert problems(bank.read("tests/test.xml"), ASI) == []
    assert problems(bank.read("imsmanifest.xml"), MANIFEST) == []
    text = item.decode()
    assert "[ACAD-1] Harbour handbook, 2025 (reference given by the academy" in text
