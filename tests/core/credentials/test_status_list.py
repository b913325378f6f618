"""Bitstring Status List invariants: a bit is on exactly for the indices set, at any position."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.credentials import status

URL = "https://academy.example/academies/a/status/revocation.json"
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
indices = st.integers(min_value=0, max_value=status.LIST_SIZE - 1)


@settings(max_examples=40, deadline=None)
@given(st.sets(indices, max_size=30), indices)
def test_a_bit_is_on_exactly_for_the_indices_set(on: set[int], probe: int) -> None:
    vc = status.list_credential(
        issuer_did="did:web:academy.example:academies:a",
        url=URL,
        purpose="revocation",
        set_indices=sorted(on),
        issued=NOW,
    )
    for index in [*on, probe]:
        assert status.bit_is_set(vc, status.entry(URL, "revocation", index)) == (index in on)


def test_an_entry_for_another_list_or_purpose_fails_closed() -> None:
    import pytest

    vc = status.list_credential(
        issuer_did="did:web:x", url=URL, purpose="revocation", set_indices=[], issued=NOW
    )
    with pytest.raises(status.StatusError):
        status.bit_is_set(vc, status.entry(URL + "x", "revocation", 1))
    with pytest.raises(status.StatusError):
        status.bit_is_set(vc, status.entry(URL, "suspension", 1))
