"""The academy's logo and signatory (validated images in private storage), the register's
actions, and the learner's page: the badge image and "Add to LinkedIn profile"."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.credentials.models import AcademyCertificateLook, Credential, CredentialState
from tests.web.builders import png_bytes
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


def look_url(setup: Setup) -> str:
    return reverse("credentials:look", args=[setup.provider.pk])


def test_the_look_form_refuses_files_that_are_not_small_png_or_jpeg_images(
    setup: Setup, ada: User
) -> None:
    client = client_for(ada)
    for upload, message in (
        (SimpleUploadedFile("x.png", b"not an image", "image/png"), "not a readable PNG or JPEG"),
        (SimpleUploadedFile("x.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1)), "1 MB or smaller"),
    ):
        response = client.post(look_url(setup), {"signatory_name": "Dr A", "logo": upload})
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post(
        look_url(setup),
        {"signature": SimpleUploadedFile("s.png", png_bytes((0, 0, 0, 255)), "image/png")},
    )
    assert response.status_code == 400
    assert "Say whose signature this is" in response.content.decode()
    assert (
        not AcademyCertificateLook.objects.filter(provider=setup.provider).exclude(logo="").exists()
    )


def test_the_images_are_stored_as_png_and_shown_only_to_the_academys_admins(
    setup: Setup, ada: User, lena: User
) -> None:
    client = client_for(ada)
    response = client.post(
        look_url(setup),
        {
            "signatory_name": "Dr A",
            "signature": SimpleUploadedFile("s.png", png_bytes((0, 0, 0, 255)), "image/png"),
        },
    )
    assert response.status_code == 302
    look = AcademyCertificateLook.objects.get(provider=setup.provider)
    assert look.signature.name.endswith(".png")
    image = reverse("credentials:look_image", args=[setup.provider.pk, "signature"])
    own = client.get(image)
    assert own.status_code == 200
    assert own.content.startswith(b"\x89PNG")
    assert own["Cache-Control"] == "private, no-store"
    assert client_for(None).get(image).status_code == 302  # to log in
    assert client_for(lena).get(image).status_code == 403
    otto = make_user("otto@example.org", "Otto Other", Role.ACADEMY_ADMIN)
    factories.provider(admins=[otto], name="Other Academy")
    assert client_for(otto).get(image).status_code == 404
    assert client_for(otto).post(look_url(setup), {"signatory_name": "Mallory"}).status_code == 404
    look.refresh_from_db()
    assert look.signatory_name == "Dr A"


def test_the_register_lists_each_academys_actions_apart(setup: Setup, ada: User) -> None:
    factories.provider(admins=[ada], name="Second Academy")
    html = client_for(ada).get(reverse("credentials:register")).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "keyRotate" not in re.sub(r"<[^>]+>", "", html)
    assert text.count("Rotate the signing key") == 2
    assert html.count('<ul class="cert-actions">') >= 3


def test_the_learner_page_shows_the_badge_and_adds_the_certificate_to_linkedin(
    setup: Setup, ada: User, lena: User, nora: User
) -> None:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    credential = Credential.objects.get(state=CredentialState.ISSUED)
    html = client_for(lena).get(reverse("credentials:wallet")).content.decode()
    badge = reverse("credentials:badge", args=[credential.pk, "png"])
    assert f'<img src="{badge}"' in html
    link = re.search(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', html)
    assert link, "no Add to LinkedIn profile link"
    assert "Add to LinkedIn profile" in html
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["PDO thread lift: foundation"]
    assert query["organizationName"] == ["Northern Thread Academy"]
    assert query["issueYear"] == [str(credential.issued_at.year)]
    assert query["issueMonth"] == [str(credential.issued_at.month)]
    assert query["certUrl"] == [f"http://testserver/credentials/{credential.pk}/"]
    assert query["certId"] == [str(credential.pk)]
    # Another learner sees none of it, and not its private files.
    other = client_for(nora).get(reverse("credentials:wallet")).content.decode()
    assert str(credential.pk) not in other
    assert client_for(nora).get(badge).status_code == 404
