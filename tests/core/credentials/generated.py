"""Hypothesis strategies: credentials of our shape with random text, optional fields, evidence
lists and dates (shared by the fast-path tests and the JS interop test)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from threadlift.credentials import credential as cred
from threadlift.credentials import status

from .sample import HOST, Academy

# Any Unicode text (non-ASCII, quotes, backslashes, newlines) but control characters other than
# \n and \r, which the fast path leaves to the reference path (tested on their own).
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(['"', "\\", "\n", "\r", "é", "✓", "𝔸", "\u2028"]),
    ),
    min_size=1,
    max_size=40,
)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
MOMENT = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2099, 12, 31),
    timezones=st.just(dt.UTC),
)
HOURS = st.one_of(
    st.none(),
    st.integers(0, 500).map(float),
    st.floats(0.01, 10_000, allow_nan=False, allow_infinity=False),
)


@st.composite
def evidence_lists(draw: st.DrawFn) -> tuple[cred.Evidence, ...]:
    items = []
    for number in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("", *cred.RESULT_TYPES)))
        items.append(
            cred.Evidence(
                requirement=draw(TEXT),
                detail=draw(st.one_of(st.just(""), TEXT)),
                key=f"e{number}" if kind else "",
                result_name=draw(st.one_of(st.just(""), TEXT)),
                result_type=kind,
                value=draw(st.integers(0, 100).map(str)) if kind in ("RawScore", "Percent") else "",
                level=draw(st.integers(0, 4)) if kind == "RubricCriterionLevel" else None,
            )
        )
    return tuple(items)


@st.composite
def credential_facts(draw: st.DrawFn, academy: Academy) -> cred.CredentialFacts:
    course = draw(SLUG)
    index = draw(st.integers(0, 131_071))
    alignments = tuple(
        cred.Alignment(
            name=draw(TEXT),
            url=f"https://{HOST}/competencies/{draw(SLUG)}/",
            framework=draw(TEXT),
            code=draw(st.one_of(st.just(""), SLUG)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    achievement = cred.AchievementFacts(
        id=f"https://{HOST}/courses/{course}/",
        name=draw(TEXT),
        description=draw(TEXT),
        evidence=draw(evidence_lists()),
        materials=tuple(draw(st.lists(TEXT, max_size=3))),
        designs=tuple(draw(st.lists(TEXT, max_size=2))),
        cpd_hours=draw(HOURS),
        accrediting_body=draw(st.one_of(st.just(""), TEXT)),
        accreditation_reference=draw(st.one_of(st.just(""), SLUG)),
        alignments=alignments,
    )
    valid_from = draw(MOMENT)
    valid_until = draw(st.one_of(st.none(), st.just(valid_from + dt.timedelta(days=365))))
    purposes = draw(st.sampled_from(((), ("revocation",), status.PURPOSES)))
    return cred.CredentialFacts(
        id=draw(
            st.sampled_from(
                (
                    f"https://{HOST}/credentials/{index:08d}/",
                    f"urn:uuid:00000000-0000-4000-8000-{index:012d}",
                )
            )
        ),
        issuer_did=academy.did,
        issuer_name=draw(TEXT),
        issuer_url=f"https://{HOST}/providers/{academy.slug}/",
        subject_name=draw(TEXT),
        subject_id=f"urn:uuid:7b0c3f7e-1111-4d4b-9a0e-{index:012d}",
        achievement=achievement,
        valid_from=valid_from,
        valid_until=valid_until,
        status=[status.entry(academy.list_url(p), p, index) for p in purposes],
    )


def unsigned_credentials(academy: Academy) -> st.SearchStrategy[dict[str, Any]]:
    return credential_facts(academy).map(cred.build_credential)
