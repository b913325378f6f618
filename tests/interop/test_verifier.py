"""Our credentials as an independent implementation sees them: Digital Bazaar's JS verifier
(@digitalbazaar/vc + eddsa-rdfc-2022), with every context, DID and status list served locally."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from tests.core.credentials.sample import NOW, Academy

from .verifier import js_verify


def verify(tmp_path: Path, academy: Academy, credential: dict, now: dt.datetime = NOW) -> dict:
    return js_verify(
        tmp_path,
        credential,
        did_document=academy.did_document(),
        status_lists=list(academy.status_lists().values()),
        now=now,
    )


def test_the_js_verifier_accepts_a_valid_credential_with_a_non_ascii_name(tmp_path: Path) -> None:
    academy = Academy()
    outcome = verify(tmp_path, academy, academy.issue(name="Zoë Ångström-Núñez ✓"))
    assert outcome["verified"], outcome["errors"]


def test_the_js_verifier_rejects_a_tampered_credential(tmp_path: Path) -> None:
    academy = Academy()
    credential = copy.deepcopy(academy.issue(name="Zoë Ångström-Núñez ✓"))
    credential["credentialSubject"]["name"] = "Zoe Angstrom-Nunez ✓"
    assert not verify(tmp_path, academy, credential)["verified"]


def test_the_js_verifier_sees_a_revocation_in_the_status_list(tmp_path: Path) -> None:
    academy = Academy()
    credential = academy.issue(index=99)
    academy.revoked.add(99)
    outcome = verify(tmp_path, academy, credential)
    assert not outcome["verified"]
    assert any("revocation" in error for error in outcome["errors"])


def test_the_js_verifier_rejects_an_expired_credential(tmp_path: Path) -> None:
    academy = Academy()
    credential = academy.issue(valid_until=NOW + dt.timedelta(days=30))
    assert verify(tmp_path, academy, credential, NOW + dt.timedelta(days=29))["verified"]
    assert not verify(tmp_path, academy, credential, NOW + dt.timedelta(days=31))["verified"]


def test_the_js_verifier_accepts_a_credential_signed_with_a_rotated_key(tmp_path: Path) -> None:
    academy = Academy()
    old = academy.issue(index=3)
    academy.rotate()
    outcome = verify(tmp_path, academy, old)
    assert outcome["verified"], outcome["errors"]
    assert (
        old["proof"]["verificationMethod"] != academy.did_document()["verificationMethod"][0]["id"]
    )
