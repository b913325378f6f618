"""The badge download offers only its real formats (issue 25): any other extension, or one
carrying a line break or a NUL, was written into Content-Disposition (a 500, or any file name)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials.models import Credential, CredentialState
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.get(state=CredentialState.ISSUED)


def badge_url(credential: Credential, extension: str) -> str:
    return reverse("credentials:badge", args=[credential.pk, "png"]).removesuffix("png") + extension


def test_the_badge_comes_as_png_and_svg(credential: Credential, lena: User) -> None:
    client = client_for(lena)
    png = client.get(badge_url(credential, "png"))
    svg = client.get(badge_url(credential, "svg"))
    assert (png.status_code, png["Content-Type"]) == (200, "image/png")
    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")
    assert png["Content-Disposition"] == f'attachment; filename="badge-{credential.pk}.png"'


@pytest.mark.parametrize(
    ("extension", "status"),
    [("exe", 404), ("html", 404), ("svg%0D%0ASet-Cookie:%20x=1", 404), ("png%00", 400)],
)
def test_any_other_extension_is_not_found(
    credential: Credential, lena: User, extension: str, status: int
) -> None:
    response = client_for(lena).get(badge_url(credential, extension))
    assert response.status_code == status
    assert "Content-Disposition" not in response
