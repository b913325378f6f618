"""Mastery: the benchmark, and the FLS-style rule of consecutive test attempts on several faces."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.simulator import AttemptResult, benchmark, mastery, mastery_policy

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def attempt(
    n: int, overall: float = 90, *, face: str = "female", passed: bool = True, mode: str = "test"
) -> AttemptResult:
    return AttemptResult(
        overall=overall, passed=passed, face_id=face, mode=mode, at=T0 + timedelta(minutes=n)
    )


attempts_st = st.lists(
    st.builds(
        AttemptResult,
        overall=st.integers(0, 100),
        passed=st.booleans(),
        face_id=st.sampled_from(["female", "male", "female-long"]),
        mode=st.sampled_from(["learn", "test"]),
        at=st.integers(0, 10_000).map(lambda m: T0 + timedelta(minutes=m)),
    ),
    max_size=12,
    unique_by=lambda a: a.at,
)


def test_the_benchmark_is_the_default_until_enough_trainer_attempts() -> None:
    b = benchmark([90, 80], min_attempts=3, default=70)
    assert (b.value, b.basis, b.attempts) == (70, "default", 2)
    b = benchmark([90, 80, 100], min_attempts=3, default=70)
    assert (b.value, b.basis, b.attempts) == (90, "trainers", 3)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1, 101])
def test_a_score_that_is_not_a_finite_0_to_100_number_is_refused(bad) -> None:
    with pytest.raises(ValueError, match="finite score"):
        benchmark([bad], min_attempts=1, default=70)
    with pytest.raises(ValueError, match="finite score"):
        benchmark([], min_attempts=1, default=bad)


def test_the_policy_is_marked_as_ours_and_cites_a_source() -> None:
    policy = mastery_policy()
    assert policy.status == "our-policy"
    assert policy.unconfirmed
    assert policy.sources
    assert (policy.consecutive, policy.min_faces) == (2, 2)


def test_two_consecutive_passing_test_attempts_on_two_faces_are_mastery() -> None:
    result = mastery([attempt(1), attempt(2, face="male")], 80)
    assert result.mastered
    assert (result.streak, result.faces_in_streak) == (2, 2)
    assert result.mastered_at == T0 + timedelta(minutes=2)


def test_two_passing_attempts_on_the_same_face_are_not_mastery() -> None:
    result = mastery([attempt(1), attempt(2)], 80)
    assert not result.mastered
    assert "more different face" in result.reason


def test_learn_mode_attempts_do_not_count() -> None:
    result = mastery([attempt(1, mode="learn"), attempt(2, face="male", mode="learn")], 80)
    assert not result.mastered
    assert result.streak == 0


def test_an_attempt_the_verdict_did_not_pass_breaks_the_streak_even_with_a_high_score() -> None:
    # e.g. 19 % of the target reached: a high overall, but an objective missed
    result = mastery(
        [attempt(1), attempt(2, 100, face="male", passed=False), attempt(3, face="male")], 80
    )
    assert not result.mastered
    assert result.streak == 1


def test_a_score_below_the_benchmark_breaks_the_streak() -> None:
    result = mastery([attempt(1), attempt(2, 79, face="male"), attempt(3, face="male")], 80)
    assert not result.mastered


def test_attempts_are_taken_in_time_order_not_list_order() -> None:
    fail, a, b = attempt(1, 10), attempt(2), attempt(3, face="male")
    assert mastery([b, a, fail], 80).mastered
    # listed as pass, pass, fail, but in time the failure came between the passes
    assert not mastery([attempt(1), attempt(3, face="male"), attempt(2, 10)], 80).mastered


@given(attempts_st, st.randoms())
def test_the_input_order_of_attempts_does_not_matter(attempts, rnd) -> None:
    shuffled = list(attempts)
    rnd.shuffle(shuffled)
    assert mastery(attempts, 70) == mastery(shuffled, 70)


@given(attempts_st)
def test_learn_attempts_never_change_the_result(attempts) -> None:
    tests_only = [a for a in attempts if a.mode == "test"]
    assert mastery(attempts, 70) == mastery(tests_only, 70)


@given(attempts_st, st.sampled_from(["female", "male"]))
def test_an_attempt_that_did_not_pass_resets_the_streak(attempts, face) -> None:
    last = max((a.at for a in attempts), default=T0)
    bad = AttemptResult(
        overall=100, passed=False, face_id=face, mode="test", at=last + timedelta(minutes=1)
    )
    after = mastery([*attempts, bad], 70)
    assert after.streak == 0
    assert after.faces_in_streak == 0
    assert after.mastered == mastery(attempts, 70).mastered  # reached mastery is kept


@given(attempts_st)
def test_mastery_needs_enough_successful_test_attempts_on_enough_faces(attempts) -> None:
    result = mastery(attempts, 70, consecutive=2, min_faces=2)
    good = [a for a in attempts if a.mode == "test" and a.passed and a.overall >= 70]
    if result.mastered:
        assert len(good) >= 2
        assert len({a.face_id for a in good}) >= 2
    assert result.streak <= len(good)
    assert result.faces_in_streak <= result.streak


@given(attempts_st)
def test_a_successful_attempt_on_a_new_face_never_takes_mastery_away(attempts) -> None:
    before = mastery(attempts, 70)
    last = max((a.at for a in attempts), default=T0)
    good = AttemptResult(
        overall=100, passed=True, face_id="male-new", mode="test", at=last + timedelta(minutes=1)
    )
    after = mastery([*attempts, good], 70)
    assert after.streak == before.streak + 1
    assert after.mastered or not before.mastered
