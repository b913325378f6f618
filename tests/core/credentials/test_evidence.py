"""Whatever the evidence, the credential's criteria read back as the rules met and its results as
the values achieved: the PDF and the public page print exactly these lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from threadlift.credentials import credential as cred

words = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs"), max_codepoint=0x24F),
    min_size=1,
    max_size=40,
).map(lambda s: " ".join(s.split()) or "x")


@st.composite
def evidence(draw: st.DrawFn) -> tuple[cred.Evidence, ...]:
    items = []
    for index in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["", "RawScore", "Percent", "RubricCriterionLevel", "Status"]))
        items.append(
            cred.Evidence(
                requirement=draw(words),
                detail=draw(words),
                key=f"k{index}" if kind else "",
                result_name=draw(words) if kind else "",
                result_type=kind,
                value=str(draw(st.integers(0, 999))) if kind in ("RawScore", "Percent") else "",
                level=draw(st.integers(0, 4)) if kind == "RubricCriterionLevel" else None,
            )
        )
    return tuple(items)


@given(evidence())
def test_the_criteria_and_results_read_back_as_the_evidence_given(
    items: tuple[cred.Evidence, ...],
) -> None:
    facts = cred.CredentialFacts(
        id="https://academy.example/credentials/1/",
        issuer_did="did:web:academy.example",
        issuer_name="Academy",
        issuer_url="https://academy.example/",
        subject_name="Dr Lena Learner",
        subject_id="urn:uuid:7b0c3f7e-1111-4d4b-9a0e-123456789abc",
        achievement=cred.AchievementFacts(
            id="https://academy.example/courses/pdo/", name="PDO", description="PDO", evidence=items
        ),
        valid_from=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
    )
    document = cred.build_credential(facts)
    assert cred.criteria_lines(document) == [f"{e.requirement} — {e.detail}" for e in items]
    measured = [e for e in items if e.result_type]
    lines = cred.result_lines(document)
    assert [name for name, _ in lines] == [e.result_name for e in measured]
    for (_, value), item in zip(lines, measured, strict=True):
        if item.result_type == "RawScore":
            assert value == item.value
        elif item.result_type == "Percent":
            assert value == f"{item.value} %"
        elif item.result_type == "RubricCriterionLevel":
            assert value.startswith(f"level {item.level} of 4")
        else:
            assert value == "completed"
