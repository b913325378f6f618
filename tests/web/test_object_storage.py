"""Private files in an S3-compatible bucket (STORAGE_URL), tried against moto's S3 server: the
photo lands in the bucket, not on the disk; it is served only through the access-checked view;
any URL the storage hands out is signed and short-lived; `backup` and `restore` carry the
bucket's objects. On the disk (the default) private files are written 0600."""

from __future__ import annotations

import os
import tarfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.core.storage import StorageUrlError, parse_storage_url, private_storages
from academy.logbook.models import Case, CasePhoto
from tests.web.builders import jpeg_with_exif
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run, log_case
from tests.web.s3_server import ACCESS, Bucket, s3_bucket


@pytest.fixture
def bucket(settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Bucket]:
    for key, value in ACCESS.items():
        monkeypatch.setenv(key, value)
    with s3_bucket() as made:
        settings.STORAGE_URL = made.storage_url
        settings.MEDIA_ROOT = tmp_path / "unused-private"  # nothing may land on the disk
        settings.STORAGES = {
            **private_storages(made.storage_url, settings.MEDIA_ROOT),
            "staticfiles": settings.STORAGES["staticfiles"],
        }
        yield made


def upload_photo(lena: User, theo: User) -> CasePhoto:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    upload = SimpleUploadedFile("face.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client_for(lena).post(
        f"/logbook/cases/{Case.objects.get().pk}/photos/", {"kind": "before", "image": upload}
    )
    assert response.status_code == 302
    return CasePhoto.objects.get()


@pytest.mark.django_db
def test_a_photo_goes_to_the_bucket_and_not_to_the_disk(
    bucket: Bucket, settings: Settings, lena: User, theo: User
) -> None:
    photo = upload_photo(lena, theo)
    key = f"site/logbook/{photo.file.name}"
    assert bucket.keys() == [key]
    assert not Path(settings.MEDIA_ROOT).exists()
    served = client_for(lena).get(f"/logbook/photos/{photo.pk}/")
    assert served.status_code == 200
    assert served["Cache-Control"] == "private, no-store"
    assert served.content == bucket.read(key)
    assert b"PhoneMaker" not in served.content


@pytest.mark.django_db
def test_a_photo_in_the_bucket_is_refused_to_those_who_may_not_see_it(
    bucket: Bucket, lena: User, theo: User, nora: User
) -> None:
    photo = upload_photo(lena, theo)
    assert client_for(nora).get(f"/logbook/photos/{photo.pk}/").status_code == 404
    assert client_for(None).get(f"/logbook/photos/{photo.pk}/").status_code == 302


@pytest.mark.django_db
def test_the_object_is_not_public_and_any_address_for_it_is_signed_and_short_lived(
    bucket: Bucket, lena: User, theo: User
) -> None:
    photo = upload_photo(lena, theo)
    key = f"site/logbook/{photo.file.name}"
    grants = bucket.client().get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in str(g.get("Grantee", {}).get("URI", ""))]
    query = parse_qs(urlsplit(photo.file.url).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_carry_the_buckets_objects(
    bucket: Bucket, tmp_path: Path, lena: User, theo: User
) -> None:
    photo = upload_photo(lena, theo)
    key = f"site/logbook/{photo.file.name}"
    original = bucket.read(key)
    archive = tmp_path / "site.tar.gz"
    out = StringIO()
    call_command("backup", output=archive, stdout=out)
    assert "1 private files" in out.getvalue()
    with tarfile.open(archive) as tar:
        assert f"private/logbook/{photo.file.name}" in tar.getnames()

    bucket.client().delete_object(Bucket=bucket.name, Key=key)
    assert bucket.keys() == []
    call_command("restore", str(archive), interactive=False, stdout=StringIO())
    assert bucket.keys() == [key]
    assert bucket.read(key) == original


def test_the_storage_url_names_bucket_prefix_and_endpoint() -> None:
    assert parse_storage_url("s3://files/site?endpoint_url=http://127.0.0.1:9000") == {
        "bucket_name": "files",
        "prefix": "site",
        "endpoint_url": "http://127.0.0.1:9000",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://files/site",  # not s3://
        "s3:///site",  # no bucket
        "s3://KEY:SECRET@files/site",  # keys belong in AWS_* variables
        "s3://files/site?acl=public-read",  # an unknown option
    ],
)
def test_a_storage_url_that_cannot_be_understood_stops_start_up(url: str) -> None:
    with pytest.raises(StorageUrlError):
        parse_storage_url(url)


@pytest.mark.django_db
def test_on_the_disk_private_files_are_for_the_apps_own_user_only(lena: User, theo: User) -> None:
    photo = upload_photo(lena, theo)
    try:
        assert oct(os.stat(photo.file.path).st_mode & 0o777) == "0o600"
        assert oct(os.stat(Path(photo.file.path).parent).st_mode & 0o777) == "0o700"
    finally:
        photo.file.delete(save=False)
