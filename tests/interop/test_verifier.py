"""Our credentials as an independent implementation sees them: Digital Bazaar's JS verifier
(@digitalbazaar/vc + eddsa-rdfc-2022), with every context, DID and status list served locally."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from tests.core.credentials.generated import unsigned_credentials
from tests.core.credentials.sample import NOW, Academy
from threadlift.credentials import proof

from .verifier import js_verify

GENERATED = Academy(slug="generated")  # one key for every example (key generation is not tested)
OLD_PATH = (
    Path(__file__).parents[1] / "core" / "credentials" / "data" / "signed_by_reference_path.json"
)


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


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: node runs are slow
)
@given(document=unsigned_credentials(GENERATED))
def test_the_js_verifier_accepts_generated_credentials_signed_on_the_fast_path(
    tmp_path: Path, document: dict
) -> None:
    """Random text (non-ASCII, quotes, newlines), optional fields, evidence lists and dates."""
    fragment, pair = GENERATED.keys[0]
    moment = dt.datetime.fromisoformat(document["validFrom"].replace("Z", "+00:00"))
    if "credentialStatus" in document and moment < NOW:
        # The status lists are issued at NOW: the JS verifier checks them at `moment` too.
        moment = NOW
        document.pop("validUntil", None)
    signed = proof.sign(document, pair.private_pem, f"{GENERATED.did}#{fragment}")
    assert proof._fast_check(signed, pair.public_pem)  # signed and checked on the fast path
    outcome = verify(tmp_path, GENERATED, signed, moment)
    assert outcome["verified"], outcome["errors"]
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["achievement"]["name"] += "!"
    assert not verify(tmp_path, GENERATED, tampered, moment)["verified"]


def test_the_js_verifier_accepts_a_credential_signed_by_the_old_path(tmp_path: Path) -> None:
    stored = json.loads(OLD_PATH.read_text(encoding="utf-8"))
    outcome = js_verify(
        tmp_path,
        stored["credential"],
        did_document=stored["did_document"],
        status_lists=list(stored["status_lists"].values()),
        now=NOW,
    )
    assert outcome["verified"], outcome["errors"]
