"""The fast eddsa-rdfc-2022 path (threadlift.credentials.rdfc) against the reference path
(openbadgeslib on pyld): the same canonical N-Quads byte for byte, proofs that verify on both, and
the same verdict on documents that are not quite ours."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openbadgeslib.ob3.contexts import document_loader
from openbadgeslib.ob3.ldp import _canonize

from threadlift.credentials import proof, rdfc
from threadlift.credentials.did import public_key_for
from threadlift.credentials.verify import Verdict, verify_credential

from .generated import TEXT, unsigned_credentials
from .sample import NOW, Academy

ACADEMY = Academy()
FRAGMENT, PAIR = ACADEMY.keys[0]
METHOD = f"{ACADEMY.did}#{FRAGMENT}"
FIXTURE = Path(__file__).parent / "data" / "signed_by_reference_path.json"
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_nquads(document: dict[str, Any]) -> str:
    """pyld's URDNA2015 (RDFC-1.0) through openbadgeslib, as the reference path runs it."""
    return str(_canonize(document, document_loader()))


def proof_options(document: dict[str, Any]) -> dict[str, Any]:
    options = {k: v for k, v in document["proof"].items() if k != "proofValue"}
    return {**options, "@context": document["@context"]}


def outcome(check: Any, document: dict[str, Any]) -> bool:
    try:
        check(document, PAIR.public_pem)
    except proof.ProofError:
        return False
    return True


@SLOW
@given(unsigned_credentials(ACADEMY))
def test_the_fast_nquads_are_pyld_s_canonical_nquads_byte_for_byte(document: dict) -> None:
    signed = proof.sign(document, PAIR.private_pem, METHOD)
    try:
        fast, _ = rdfc.canonical_nquads(document)
    except rdfc.Unsupported as exc:
        reason = str(exc)
    else:
        reason = ""
    if reason:
        # Two alignments alike in every field: blank nodes only RDFC-1.0's n-degree step tells
        # apart, left to the reference path (and the proof still verifies).
        assert "cannot tell apart" in reason
        proof.check_reference(signed, PAIR.public_pem)
        return
    assert fast == reference_nquads(document)
    options = proof_options(signed)
    assert rdfc.canonical_nquads(options)[0] == reference_nquads(options)


@SLOW
@given(unsigned_credentials(ACADEMY), TEXT)
def test_signed_on_the_fast_path_verifies_on_the_reference_path_and_tampering_fails_on_both(
    document: dict, other_name: str
) -> None:
    signed = proof.sign(document, PAIR.private_pem, METHOD)
    proof.check_reference(signed, PAIR.public_pem)
    proof.check(signed, PAIR.public_pem)
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["name"] += other_name
    assert not outcome(proof.check_reference, tampered)
    assert not outcome(proof.check, tampered)
    assert not proof._fast_check(tampered, PAIR.public_pem)


@SLOW
@given(unsigned_credentials(ACADEMY))
def test_signed_on_the_reference_path_verifies_on_the_fast_path(document: dict) -> None:
    signed = proof.sign_reference(document, PAIR.private_pem, METHOD)
    try:
        rdfc.canonical_nquads(document)
    except rdfc.Unsupported:
        return  # the collision case above: the reference path verifies it
    assert proof._fast_check(signed, PAIR.public_pem)


def test_the_fast_path_signs_exactly_what_the_reference_path_signed() -> None:
    """Ed25519 is deterministic: same N-Quads, same key, same `created` give the same proof."""
    document = {k: v for k, v in ACADEMY.issue().items() if k != "proof"}
    fast = proof.sign(document, PAIR.private_pem, METHOD, created=NOW)
    assert fast == proof.sign_reference(document, PAIR.private_pem, METHOD, created=NOW)
    assert list(fast) == [*document, "proof"]


def test_a_credential_signed_by_the_old_path_still_verifies() -> None:
    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))
    credential = stored["credential"]

    def verdict(document: dict) -> Verdict:
        return verify_credential(
            document,
            did_document=stored["did_document"],
            status_lists=stored["status_lists"],
            now=NOW,
        ).verdict

    public_pem = public_key_for(stored["did_document"], credential["proof"]["verificationMethod"])
    assert proof._fast_check(credential, public_pem)  # on the fast path, not the fallback
    assert verdict(credential) is Verdict.VALID
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["creditsAvailable"] = 140.0
    assert verdict(tampered) is Verdict.INVALID


def test_text_with_control_characters_takes_the_reference_path_and_verifies() -> None:
    document = {k: v for k, v in ACADEMY.issue(name="Tab\there").items() if k != "proof"}
    with pytest.raises(rdfc.Unsupported):
        rdfc.canonical_nquads(document)
    signed = proof.sign(document, PAIR.private_pem, METHOD)
    assert outcome(proof.check, signed)
    assert outcome(proof.check_reference, signed)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def mutate(document: dict) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value(target.get(path[-1])) if callable(value) else value

    return mutate


def _rename(path: tuple[Any, ...], old: str, new: str) -> Any:
    def mutate(document: dict) -> None:
        target = document
        for key in path:
            target = target[key]
        target[new] = target.pop(old)

    return mutate


SUBJECT = ("credentialSubject",)
ACHIEVEMENT = ("credentialSubject", "achievement")
MUTATIONS = {
    "as issued": lambda document: None,
    "a term's synonym as a key (Criteria for criteria)": _rename(
        ACHIEVEMENT, "criteria", "Criteria"
    ),
    "a synonym type (AchievementCredential)": _set(
        ("type",), ["VerifiableCredential", "AchievementCredential"]
    ),
    "a one-element array for a value": _set((*SUBJECT, "name"), lambda name: [name]),
    "a single type without its array": _set(("issuer", "type"), "Profile"),
    "the issuer as its id alone": _set(("issuer",), lambda issuer: issuer["id"]),
    "the issuer as a node reference": _set(("issuer",), lambda issuer: {"id": issuer["id"]}),
    "a key no context defines": _set((*SUBJECT, "unsignedNote"), "Distinction"),
    "a key spelled as its IRI": _rename(SUBJECT, "name", "https://schema.org/name"),
    "a keyword key": _rename(SUBJECT, "id", "@id"),
    "validFrom spelled as its IRI": _rename(
        (), "validFrom", "https://www.w3.org/2018/credentials#validFrom"
    ),
    "a nested @context": _set((*SUBJECT, "@context"), ["https://www.w3.org/ns/credentials/v2"]),
    "a repeated type": _set(("issuer", "type"), ["Profile", "Profile"]),
    "a number as text": _set((*SUBJECT, "creditsEarned"), "14"),
    "an integer for a float": _set((*SUBJECT, "creditsEarned"), 14),
    "a boolean for a float": _set((*SUBJECT, "creditsEarned"), True),
    "an empty array": _set((*ACHIEVEMENT, "tag"), []),
    "an array in an array": _set((*ACHIEVEMENT, "tag"), lambda tags: [tags]),
    "a null": _set((*ACHIEVEMENT, "description"), None),
    "a relative id": _set((*SUBJECT, "id"), "learners/1"),
    "an id with a space": _set((*SUBJECT, "id"), "urn:uuid:a b"),
    "a blank-node id": _set((*SUBJECT, "id"), "_:learner"),
    "the credential described again inside it": _set(
        (*ACHIEVEMENT, "related"),
        lambda _: [{"id": "https://academy.example/credentials/00000007/", "name": "x"}],
    ),
    "a reference to the credential itself": _set(
        (*ACHIEVEMENT, "related"),
        lambda _: [{"id": "https://academy.example/credentials/00000007/"}],
    ),
    "an id under pyld's placeholder base": _set((*SUBJECT, "id"), "http://example.org/base/x"),
    "an id on the placeholder base's host": _set((*SUBJECT, "id"), "http://example.org/other"),
    "a status entry described elsewhere": _set(
        (*ACHIEVEMENT, "related"),
        lambda _: [
            {
                "id": "https://academy.example/academies/north-thread/status/revocation.json#7",
                "type": ["BitstringStatusListEntry"],
                "statusPurpose": "revocation",
            }
        ],
    ),
    "a type no context defines": _set(("issuer", "type"), ["Profile", "Organisation"]),
    "an unknown @context": _set(("@context",), lambda c: [*c, "https://evil.example/c.json"]),
    "the OB context first": _set(("@context",), lambda c: list(reversed(c))),
    "a date without its type coercion (an object)": _set(("validFrom",), lambda v: {"@value": v}),
    "an IRI under the placeholder base": _set((*SUBJECT, "id"), "http://example.org/base/x"),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_the_fast_path_gives_the_reference_verdict_on_documents_not_quite_ours(
    mutation: str,
) -> None:
    """Each document is signed as it is (the reference signer imposes no form), then checked: the
    fast path must accept exactly what the reference path accepts."""
    document = {k: v for k, v in ACADEMY.issue().items() if k != "proof"}
    MUTATIONS[mutation](document)
    try:
        signed = proof.sign_reference(document, PAIR.private_pem, METHOD, created=NOW)
    except Exception:
        signed = None
    try:
        fresh = proof.sign(document, PAIR.private_pem, METHOD, created=NOW)
    except Exception:
        fresh = None
    assert fresh == signed  # the same proof, or the same refusal to sign
    if signed is None:  # an unsignable document with some proof: refused on both paths
        signed = {**document, "proof": ACADEMY.issue()["proof"]}
    assert outcome(proof.check, signed) is outcome(proof.check_reference, signed)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(MUTATIONS)), unsigned_credentials(ACADEMY))
def test_the_same_verdicts_on_generated_documents_not_quite_ours(
    mutation: str, document: dict
) -> None:
    try:
        MUTATIONS[mutation](document)
    except (KeyError, TypeError):
        return  # the generated credential lacks the member this mutation changes
    try:
        signed = proof.sign_reference(document, PAIR.private_pem, METHOD)
    except Exception:
        return
    assert outcome(proof.check, signed) is outcome(proof.check_reference, signed)
