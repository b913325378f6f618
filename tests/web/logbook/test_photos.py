"""Case photos are private: no public URL, served only through the access check with
`Cache-Control: private, no-store`, and the bytes served carry no EXIF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from PIL import Image

from academy.accounts.models import User
from academy.logbook.models import Case, CasePhoto
from tests.web.builders import jpeg_with_exif
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def jpeg_with_every_kind_of_metadata() -> bytes:
    """EXIF with a GPS position, an XMP packet (APP1) and a comment (COM)."""
    image = Image.new("RGB", (64, 48), (180, 140, 110))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}  # GPS
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Patient: Jane Secret</x:xmpmeta>'
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, xmp=xmp, comment=b"Clinic Secret Comment")
    assert {"comment", "xmp", "exif"} <= set(Image.open(io.BytesIO(out.getvalue())).info)
    return out.getvalue()


def jpeg_segments(data: bytes) -> list[int]:
    """The marker of every segment before the image data (0xE0-0xEF app data, 0xFE comment)."""
    markers, at = [], 2
    while data[at + 1] != 0xDA:  # start of scan
        markers.append(data[at + 1])
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


@pytest.fixture
def photo(lena: User, theo: User) -> CasePhoto:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    upload = SimpleUploadedFile("face.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client_for(lena).post(
        f"/logbook/cases/{case.pk}/photos/", {"kind": "before", "image": upload}
    )
    assert response.status_code == 302
    item = CasePhoto.objects.get()
    yield item
    item.file.delete(save=False)


def test_the_photo_is_stored_privately_and_has_no_public_url(photo: CasePhoto) -> None:
    path = Path(photo.file.path).resolve()
    assert Path(settings.VAR_DIR, "private").resolve() in path.parents
    assert Path(settings.STATIC_ROOT).resolve() not in path.parents
    with pytest.raises(Resolver404):
        resolve("/" + photo.file.name)
    with pytest.raises(Resolver404):
        resolve(photo.file.url)


def test_the_served_photo_carries_no_exif_and_is_not_cached(photo: CasePhoto, lena: User) -> None:
    response = client_for(lena).get(f"/logbook/photos/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    served = Image.open(io.BytesIO(response.content))
    assert dict(served.getexif()) == {}
    assert b"PhoneMaker" not in response.content
    assert b"Exif" not in response.content[:200]


def test_every_metadata_segment_is_dropped_comment_xmp_and_gps_included(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    upload = SimpleUploadedFile("face.jpg", jpeg_with_every_kind_of_metadata())
    response = client_for(lena).post(
        f"/logbook/cases/{case.pk}/photos/", {"kind": "before", "image": upload}
    )
    assert response.status_code == 302
    item = CasePhoto.objects.get()
    try:
        served = client_for(lena).get(f"/logbook/photos/{item.pk}/").content
        app_and_comments = [m for m in jpeg_segments(served) if 0xE1 <= m <= 0xEF or m == 0xFE]
        assert app_and_comments == []  # only the JFIF header (APP0) and the image tables
        for secret in (b"Secret", b"xmpmeta", b"PhoneMaker", b"Exif"):
            assert secret not in served
        assert set(Image.open(io.BytesIO(served)).info) <= {
            "jfif",
            "jfif_version",
            "dpi",
            "jfif_unit",
            "jfif_density",
        }
    finally:
        item.file.delete(save=False)


def test_the_runs_trainer_sees_the_photo_others_do_not(
    photo: CasePhoto, theo: User, nora: User, otto: User
) -> None:
    assert client_for(theo).get(f"/logbook/photos/{photo.pk}/").status_code == 200
    assert client_for(nora).get(f"/logbook/photos/{photo.pk}/").status_code == 404
    assert client_for(otto).get(f"/logbook/photos/{photo.pk}/").status_code == 404
    anonymous = client_for(None).get(f"/logbook/photos/{photo.pk}/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    upload = SimpleUploadedFile("face.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client_for(lena).post(
        f"/logbook/cases/{case.pk}/photos/", {"kind": "after", "image": upload}
    )
    assert response.status_code == 400
    assert "not a photo we can read" in response.content.decode()
    assert not CasePhoto.objects.exists()
