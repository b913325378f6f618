"""The scorer and the consent document read product clearances as one fact: for every product
and every indication, a plan is flagged off-label exactly when the consent document says
off-label, and both name the same clearances."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.assessment.consent import consent_document
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import INDICATION_IDS
from threadlift.planning import off_label_uses, parse_plan

KB = load_knowledge()
ARGS = {"clinician": "Dr Ada Lovelace", "clinic_contact": "Demo Clinic, 020 7946 0000"}
REFERENCE = re.compile(r"\b[A-Z]\d{6}\b")  # a clearance number as written (FDA 510(k): K######)


def one_thread_plan(product: str, indication: str) -> dict[str, object]:
    # Off-label use depends only on the product and the indication, not on where the thread
    # lies, so any point on the template will do.
    point = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 20}
    thread = {"product": product, "entry": point, "path": [point], "plane": "subcutaneous"}
    return {"view": "lateral-left", "indication": indication, "threads": [thread]}


@pytest.mark.parametrize("indication", INDICATION_IDS)
@pytest.mark.parametrize("product", [p.id for p in KB.products])
def test_the_scorer_flags_off_label_exactly_when_the_consent_document_does(
    product: str, indication: str
) -> None:
    flagged = off_label_uses(parse_plan(one_thread_plan(product, indication)), KB)
    consent = consent_document(KB, indication=indication, products=[product], **ARGS).products[0]
    assert bool(flagged) == consent.off_label
    if flagged:
        named_by_scorer = set(REFERENCE.findall(flagged[0].message))
        named_by_consent = set(REFERENCE.findall(consent.status))
        assert named_by_scorer == named_by_consent
        assert named_by_scorer == {c.reference for c in KB.product(product).clearances}


def test_a_mid_face_suspension_clearance_does_not_cover_the_nasolabial_folds() -> None:
    """K142061/K163676 name the mid-face only; K192423 is the one naming nasolabial folds."""
    silhouette = off_label_uses(
        parse_plan(one_thread_plan("silhouette_instalift", "nasolabial")), KB
    )
    assert [u.thread for u in silhouette] == [0]
    assert off_label_uses(parse_plan(one_thread_plan("mint", "nasolabial")), KB) == ()


@settings(max_examples=60, deadline=None)
@given(
    products=st.lists(st.sampled_from([p.id for p in KB.products]), min_size=1, max_size=4),
    indication=st.sampled_from(INDICATION_IDS),
)
def test_a_plan_of_several_products_and_its_consent_document_name_the_same_off_label_products(
    products: list[str], indication: str
) -> None:
    threads = [one_thread_plan(p, indication)["threads"][0] for p in products]  # type: ignore[index]
    raw = {"view": "lateral-left", "indication": indication, "threads": threads}
    flagged = {u.product for u in off_label_uses(parse_plan(raw), KB)}
    document = consent_document(KB, indication=indication, products=products, **ARGS)
    assert flagged == {p.id for p in document.products if p.off_label}
    assert document.off_label == bool(flagged)
