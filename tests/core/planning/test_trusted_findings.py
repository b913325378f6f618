"""The scorer's unvalidated findings (`Finding.trusted`) are the findings validation makes."""

from __future__ import annotations

import copy
import pickle

import pytest

from threadlift.planning.models import Finding

VALUES = {
    "rule": "zone_crossing",
    "severity": "critical",
    "thread": 3,
    "message": "Thread 4 crosses the Facial artery in the smas plane.",
    "sources": ("R41", "R42"),
}


def test_a_trusted_finding_equals_hashes_and_dumps_as_the_validated_one() -> None:
    for extra in ({}, {"zone": "facial_artery"}, {"zone": None}):
        validated = Finding(**VALUES, **extra)
        trusted = Finding.trusted(**VALUES, **extra)  # type: ignore[arg-type]
        assert trusted == validated
        assert hash(trusted) == hash(validated)
        assert repr(trusted) == repr(validated)
        assert trusted.model_dump_json() == validated.model_dump_json()
        assert trusted.model_fields_set == validated.model_fields_set


def test_a_trusted_finding_without_a_zone_leaves_the_zone_unset() -> None:
    trusted = Finding.trusted(**VALUES)  # type: ignore[arg-type]
    assert trusted.zone is None
    assert "zone" not in trusted.model_fields_set


def test_a_trusted_finding_is_frozen_copies_and_pickles_like_a_validated_one() -> None:
    trusted = Finding.trusted(**VALUES, zone="facial_artery")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="frozen"):
        trusted.thread = 1  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(trusted)) == trusted
    assert copy.deepcopy(trusted) == trusted
    moved = trusted.model_copy(update={"thread": 0})
    assert moved == Finding(**{**VALUES, "thread": 0}, zone="facial_artery")
