"""Open Badges 3.0 credentials: built, signed with eddsa-rdfc-2022 and verified offline."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from threadlift.credentials import keys, status
from threadlift.credentials.credential import CONTEXTS
from threadlift.credentials.verify import Verdict, verify_credential

from .sample import NOW, Academy


def check(academy: Academy, credential: dict, now: dt.datetime = NOW) -> Verdict:
    return verify_credential(
        credential,
        did_document=academy.did_document(),
        status_lists=academy.status_lists(),
        now=now,
    ).verdict


def test_a_credential_has_the_vc2_then_ob3_contexts_and_an_achievement_subject() -> None:
    credential = Academy().issue()
    assert credential["@context"] == CONTEXTS
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["type"] == ["Profile"]
    assert credential["issuer"]["id"].startswith("did:web:academy.example:academies:")
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["creditsAvailable"] == 14.0
    assert {"material:PDO", "design:cog"} <= set(subject["achievement"]["tag"])
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert [s["statusPurpose"] for s in credential["credentialStatus"]] == list(status.PURPOSES)


def test_a_signed_credential_verifies() -> None:
    academy = Academy()
    assert check(academy, academy.issue()) is Verdict.VALID


def test_a_non_ascii_name_verifies() -> None:
    academy = Academy()
    credential = academy.issue(name="Zoë Ångström-Núñez ✓")
    assert check(academy, credential) is Verdict.VALID


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("credentialSubject", "name"), "Someone Else"),
        (("credentialSubject", "achievement", "name"), "Advanced thread lift"),
        (("credentialSubject", "creditsEarned"), 140.0),
        (("validFrom",), "2020-01-01T00:00:00Z"),
    ],
)
def test_a_tampered_credential_fails(path: tuple[str, ...], value: object) -> None:
    academy = Academy()
    credential = copy.deepcopy(academy.issue())
    target = credential
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert check(academy, credential) is Verdict.INVALID


def test_a_credential_signed_by_another_academy_fails() -> None:
    ours, theirs = Academy(), Academy(slug="north-thread")
    assert check(theirs, ours.issue()) is Verdict.INVALID


def test_an_unknown_context_fails_closed() -> None:
    academy = Academy()
    credential = academy.issue()
    credential["@context"] = [*credential["@context"], "https://evil.example/context.json"]
    assert check(academy, credential) is Verdict.INVALID


def test_revocation_and_suspension_are_read_from_the_status_lists() -> None:
    academy = Academy()
    credential = academy.issue(index=42)
    academy.suspended.add(42)
    assert check(academy, credential) is Verdict.SUSPENDED
    academy.suspended.clear()
    assert check(academy, credential) is Verdict.VALID
    academy.revoked.add(42)
    assert check(academy, credential) is Verdict.REVOKED


def test_an_expired_credential_is_expired() -> None:
    academy = Academy()
    credential = academy.issue(valid_until=NOW + dt.timedelta(days=365))
    assert check(academy, credential, NOW + dt.timedelta(days=364)) is Verdict.VALID
    assert check(academy, credential, NOW + dt.timedelta(days=366)) is Verdict.EXPIRED


def test_a_credential_signed_with_a_rotated_key_still_verifies() -> None:
    academy = Academy()
    old = academy.issue(index=1)
    academy.rotate()
    new = academy.issue(index=2)
    assert old["proof"]["verificationMethod"].endswith("#key-1")
    assert new["proof"]["verificationMethod"].endswith("#key-2")
    assert check(academy, old) is Verdict.VALID
    assert check(academy, new) is Verdict.VALID


def test_the_status_list_is_131072_bits_gzip_multibase() -> None:
    academy = Academy()
    academy.revoked.add(5)
    revocation = academy.status_lists()[academy.list_url("revocation")]
    encoded = revocation["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    import base64
    import gzip

    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 == 131072
    assert raw[0] == 0b00000100


def test_a_sealed_private_key_opens_only_with_its_secret_and_label() -> None:
    pair = keys.generate_key_pair()
    sealed = keys.seal_private_key(pair.private_pem, "s" * 32, label="did:web:x#key-1")
    assert pair.private_pem not in sealed.encode()
    assert keys.open_private_key(sealed, "s" * 32, label="did:web:x#key-1") == pair.private_pem
    with pytest.raises(keys.KeySealError):
        keys.open_private_key(sealed, "t" * 32, label="did:web:x#key-1")
    with pytest.raises(keys.KeySealError):
        keys.open_private_key(sealed, "s" * 32, label="did:web:x#key-2")


def test_a_member_the_signature_does_not_cover_fails() -> None:
    academy = Academy()
    credential = academy.issue()
    credential["credentialSubject"]["unsignedNote"] = "Distinction"
    assert check(academy, credential) is Verdict.INVALID
