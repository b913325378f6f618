"""Where private files live: the local disk (the default), or an S3-compatible bucket when
`STORAGE_URL` is set, so that every app server reads what any of them received.

    STORAGE_URL=s3://BUCKET/PREFIX?endpoint_url=https://s3.example.net&region_name=eu-west-1

The keys come from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (or boto3's other usual
sources), never from the URL. Query options: `endpoint_url` (any S3-compatible service; left out
for AWS), `region_name`, `addressing_style` (`path` or `virtual`). The layout is the same in both
places (`logbook/…`, `verification/…`, the rest at the top), so a backup made from the disk
restores into a bucket and back.

Private files are never given a public address: the access-checked views read them and send
the bytes. Should a view ever hand out `storage.url()`, S3 answers with a signed address that
expires after SIGNED_URL_SECONDS. On the disk, files are written 0600 and folders 0700.

This module is read by settings.py (`private_storages`), so at import it needs nothing that
reads the settings; the rest imports what it needs when called.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.utils.functional import LazyObject, empty

# The named storages holding private files, and the sub-folder each one owns.
PRIVATE_STORAGES = {
    "default": "",
    "logbook_photos": "logbook",
    "verification_evidence": "verification",
}
SIGNED_URL_SECONDS = 60
URL_OPTIONS = {"endpoint_url", "region_name", "addressing_style"}


class StorageUrlError(ValueError):
    """STORAGE_URL cannot be understood; the message says what to write instead."""


def parse_storage_url(url: str) -> dict[str, str]:
    """`s3://bucket/prefix?opt=value` → bucket, prefix and the allowed options."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise StorageUrlError("STORAGE_URL must look like s3://BUCKET/PREFIX?endpoint_url=…")
    if parts.username or parts.password:
        raise StorageUrlError(
            "STORAGE_URL must not carry keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        )
    options: dict[str, str] = {}
    for name, values in parse_qs(parts.query, keep_blank_values=True).items():
        if name not in URL_OPTIONS:
            allowed = ", ".join(sorted(URL_OPTIONS))
            raise StorageUrlError(f"STORAGE_URL option {name!r} is unknown (allowed: {allowed})")
        options[name] = values[-1]
    return {"bucket_name": parts.netloc, "prefix": parts.path.strip("/"), **options}


def private_storages(storage_url: str, private_root: Path) -> dict[str, dict[str, Any]]:
    """The STORAGES entries for private files: on the disk under `private_root`, or in S3."""
    if not storage_url:
        return {
            name: {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": private_root / folder,
                    "file_permissions_mode": 0o600,  # the app's own user reads them, no one else
                    "directory_permissions_mode": 0o700,
                },
            }
            for name, folder in PRIVATE_STORAGES.items()
        }
    target = parse_storage_url(storage_url)
    prefix = target.pop("prefix")
    return {
        name: {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **target,
                "location": "/".join(part for part in (prefix, folder) if part),
                "default_acl": None,  # the bucket's own (private) policy; no public-read ACL
                "signature_version": "s3v4",
                "querystring_auth": True,  # any URL handed out is signed ...
                "querystring_expire": SIGNED_URL_SECONDS,  # ... and short-lived
                "file_overwrite": False,  # a second upload of one name gets a new name
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        }
        for name, folder in PRIVATE_STORAGES.items()
    }


class NamedStorage(LazyObject):
    """Django's storage of one name, looked up on first use and again after the STORAGES setting
    changes (a test's bucket), as Django does for `default_storage`. A model field's storage is
    otherwise fixed when the model class is built."""

    def __init__(self, alias: str) -> None:
        self.__dict__["_alias"] = alias
        super().__init__()
        _NAMED.append(weakref.ref(self))  # by reference: hashing would look the storage up

    def _setup(self) -> None:
        from django.core.files.storage import storages

        self._wrapped = storages[self.__dict__["_alias"]]

    def forget(self) -> None:
        self.__dict__["_wrapped"] = empty  # looked up afresh on next use


# Every NamedStorage made (one per field, at start-up), to forget them when STORAGES changes.
# Configuration only, never request data.
_NAMED: list[weakref.ref[NamedStorage]] = []


def private_storage(alias: str) -> Any:
    """The private storage called `alias` (for a FileField's `storage=` callable)."""
    return NamedStorage(alias)


def reset_private_storages(*, setting: str, **kwargs: Any) -> None:
    """Receiver of `setting_changed`: forget the looked-up storages when STORAGES changes."""
    if setting == "STORAGES":
        for ref in _NAMED:
            item = ref()
            if item is not None:
                item.forget()


# --- backups of the bucket (academy.core.backup archives the disk; these bridge the bucket) ---


def uses_object_storage() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "STORAGE_URL", ""))


def _bucket_and_prefix() -> tuple[Any, str]:
    from django.core.files.storage import storages

    top = storages["default"]
    location = str(getattr(top, "location", ""))
    return top.bucket, f"{location}/" if location else ""  # type: ignore[attr-defined]


def download_objects(target: Path) -> int:
    """Copy every private object into `target` (the disk layout); returns how many."""
    bucket, prefix = _bucket_and_prefix()
    count = 0
    for item in bucket.objects.filter(Prefix=prefix):
        relative = item.key[len(prefix) :]
        if not relative or relative.endswith("/"):
            continue
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        bucket.download_file(item.key, str(path))
        path.chmod(0o600)
        count += 1
    return count


def upload_objects(source: Path) -> int:
    """Put every file under `source` into the bucket at the same place; returns how many."""
    bucket, prefix = _bucket_and_prefix()
    count = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            key = prefix + path.relative_to(source).as_posix()
            bucket.upload_file(str(path), key)
            count += 1
    return count
