"""The consent document: products with their regulatory status (off-label use named), honest
duration, alternatives with no treatment, complications with frequencies, aftercare and red
flags, photographs, who performs it, whom to call, time to decide; bad input names the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.assessment import InputProblem
from threadlift.assessment.consent import consent_document
from threadlift.assessment.consent_pdf import consent_pdf
from threadlift.cli import main
from threadlift.knowledge import KnowledgeBase, load_knowledge
from threadlift.knowledge.vocab import INDICATION_IDS

KB = load_knowledge()

ARGS = {"clinician": "Dr Ada Lovelace", "clinic_contact": "Demo Clinic, 020 7946 0000"}


def doc(kb: KnowledgeBase, indication: str = "jowl", *products: str, **changes: str) -> object:
    return consent_document(
        kb, indication=indication, products=products or ("mint",), **{**ARGS, **changes}
    )


def test_a_product_cleared_only_for_soft_tissue_approximation_is_named_off_label(
    kb: KnowledgeBase,
) -> None:
    d = consent_document(kb, indication="jowl", products=["contour_thread_pdo"], **ARGS)
    product = d.products[0]
    assert product.off_label
    assert d.off_label
    assert product.status.startswith("Off-label use for the jowl")
    assert "Soft tissue approximation only" in product.status
    assert "K053380" in product.status
    assert "R23" in product.clearances[0].sources


def test_a_mid_face_clearance_covers_the_midface_and_not_the_neck(kb: KnowledgeBase) -> None:
    midface = consent_document(kb, indication="midface", products=["silhouette_instalift"], **ARGS)
    assert not midface.off_label
    assert midface.products[0].status.startswith("Cleared for this use")
    neck = consent_document(kb, indication="neck", products=["silhouette_instalift"], **ARGS)
    assert neck.off_label
    assert "Mid-face suspension" in neck.products[0].status


def test_a_product_with_no_recorded_clearance_is_not_called_cleared(kb: KnowledgeBase) -> None:
    d = consent_document(kb, indication="jowl", products=["aptos_excellence_visage"], **ARGS)
    assert d.off_label
    assert "no regulatory clearance is recorded" in d.products[0].status
    assert "unconfirmed" in d.products[0].marks


def test_a_broad_clearance_reading_says_it_is_ours(kb: KnowledgeBase) -> None:
    d = consent_document(kb, indication="jowl", products=["mint"], **ARGS)
    assert not d.off_label  # K220549 "face suspension", read as covering the jowl
    assert "our reading" in d.products[0].status


def test_every_product_clearance_has_a_reading(kb: KnowledgeBase) -> None:
    """A new clearance must be read before it can clear anything (unread covers nothing)."""
    read = {r.reference for r in kb.clearance_readings}
    assert {c.reference for p in kb.products for c in p.clearances} == read


def test_the_duration_is_the_independent_findings_not_the_one_to_two_year_claim(
    kb: KnowledgeBase,
) -> None:
    d = consent_document(kb, indication="jowl", products=["mint"], **ARGS)
    assert "gone by 1 year" in d.clause("duration").text
    assert "1-2 years rests mainly on manufacturer-linked" in d.clause("duration").text
    assert d.longevity[0].independent
    assert "bertossi_2018_pdo" in {s.id for s in d.longevity}
    assert "kang_2023_nasal_tip_pdo" not in {s.id for s in d.longevity}  # a nose study
    plla = consent_document(kb, indication="midface", products=["silhouette_instalift"], **ARGS)
    vendor = [s for s in plla.longevity if not s.independent]
    assert vendor
    assert all("manufacturer-claim" in s.marks for s in vendor)


def test_it_lists_alternatives_including_no_treatment(kb: KnowledgeBase) -> None:
    d = doc(kb)
    assert "no treatment" in d.clause("alternatives").text  # type: ignore[attr-defined]
    treatments = [a.treatment for a in d.alternatives]  # type: ignore[attr-defined]
    assert any("Surgical" in t for t in treatments)
    assert not any("mental-health" in t for t in treatments)


def test_complications_carry_frequencies_in_the_records_own_words(kb: KnowledgeBase) -> None:
    risks = {r.id: r for r in doc(kb).risks}  # type: ignore[attr-defined]
    assert risks["vascular_compromise"].frequency == "No thread case found; known after fillers."
    assert {"granuloma", "hyperpigmentation", "infection"} <= set(risks)
    assert any(f.preprint for f in risks["swelling"].figures)


def test_aftercare_follows_the_area_and_the_product_design(kb: KnowledgeBase) -> None:
    nose = [a.instruction for a in doc(kb, "nose").aftercare]  # type: ignore[attr-defined]
    assert not any("dental" in a for a in nose)
    cones = consent_document(kb, indication="midface", products=["silhouette_instalift"], **ARGS)
    assert any("cone sutures" in a.instruction for a in cones.aftercare)
    assert not any("cone sutures" in a.instruction for a in doc(kb, "midface").aftercare)  # type: ignore[attr-defined]


def test_it_names_who_performs_it_whom_to_call_the_red_flags_and_time_to_decide(
    kb: KnowledgeBase,
) -> None:
    d = doc(kb, patient_name="  Jane   Doe ")
    assert d.clinician == "Dr Ada Lovelace"
    assert d.patient_name == "Jane Doe"
    assert "Demo Clinic, 020 7946 0000" in d.clause("emergency").text  # type: ignore[attr-defined]
    assert {f.rule for f in d.red_flags} >= {"visual_change", "anaphylaxis"}  # type: ignore[attr-defined]
    cooling = d.clause("cooling_off")  # type: ignore[attr-defined]
    assert "48 hours" in cooling.text
    assert cooling.sources == ("G4",)
    assert len(d.clause("photography").options) == 3  # type: ignore[attr-defined]
    assert set(d.sources) >= {"R23", "G4", "R7"}  # type: ignore[attr-defined]


def test_every_clause_cites_a_source_and_unsourced_wording_is_marked(kb: KnowledgeBase) -> None:
    for clause in doc(kb).clauses:  # type: ignore[attr-defined]
        assert clause.sources
        if clause.sources == ("TA-FACTBASE",):
            assert "unconfirmed" in clause.marks


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indication": "knee"}, "indication"),
        ({"products": ["mint", "gold-thread"]}, "products.1"),
        ({"products": []}, "products"),
        ({"clinician": "   "}, "clinician"),
        ({"clinic_contact": ""}, "clinic_contact"),
        ({"patient_name": "x" * 301}, "patient_name"),
    ],
)
def test_bad_input_names_the_field(
    kb: KnowledgeBase, changes: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"indication": "jowl", "products": ["mint"], **ARGS, **changes}
    with pytest.raises(InputProblem) as caught:
        consent_document(kb, **values)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_the_pdf_is_a_pdf_even_with_markup_typed_into_the_fields(kb: KnowledgeBase) -> None:
    d = doc(kb, clinician="Dr <b>Ada & Co", clinic_contact="<para>Demo</i>")
    data = consent_pdf(d, kb)  # type: ignore[arg-type]
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")


def test_the_consent_command_prints_the_document_and_writes_the_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "consent.pdf"
    argv = ["consent", "--indication", "jowl", "--product", "contour_thread_pdo"]
    argv += ["--clinician", "Dr Ada Lovelace", "--contact", "Demo Clinic", "--pdf", str(pdf)]
    assert main(argv) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "[OFF-LABEL]" in out
    assert "No thread case found; known after fillers." in out
    assert "48 hours" in out
    assert "Signatures:" in out
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--product", "gold"], "--product.0"),
        (["--product", "mint", "--clinician", " "], "--clinician"),
    ],
)
def test_the_consent_command_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], extra: list[str], field: str
) -> None:
    argv = ["consent", "--indication", "jowl", "--clinician", "Dr A", "--contact", "C", *extra]
    assert main(argv) == 2
    assert f"threadlift: error: {field}:" in capsys.readouterr().err


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(INDICATION_IDS),
    st.lists(st.sampled_from([p.id for p in KB.products]), min_size=1, max_size=3, unique=True),
)
def test_a_product_is_cleared_only_where_a_reading_of_its_clearance_covers_the_area(
    indication: str, products: list[str]
) -> None:
    d = consent_document(KB, indication=indication, products=products, **ARGS)
    readings = {r.reference: r for r in KB.clearance_readings}
    for product in d.products:
        covered = any(
            c.reference in readings and indication in readings[c.reference].covers
            for c in KB.product(product.id).clearances
        )
        assert product.off_label is not covered
        assert ("Cleared for this use" in product.status) is covered
    assert d.off_label is any(p.off_label for p in d.products)
    assert len(d.clauses) == len(KB.consent)  # every section, whatever the input
