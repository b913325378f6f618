"""Stepping through a branching case, decision by decision (`threadlift.content.cases.advance`),
as properties over every case the platform ships and any choices a learner may make."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.content import Content, load_content
from threadlift.content.cases import Play, advance, case_result, is_over, known_path, start
from threadlift.knowledge import KnowledgeBase


@pytest.fixture(scope="module")
def content(kb: KnowledgeBase) -> Content:
    return load_content(kb)


def any_play(content: Content, data: st.DataObject) -> tuple[str, list[Play]]:
    """A whole play of a case, choosing anything at every step; the plays after each decision."""
    case = data.draw(st.sampled_from(content.cases))
    plays = [start(case)]
    while not is_over(case, plays[-1]) and len(plays) <= len(case.steps) + 1:
        step = case.steps[plays[-1].at]
        choice = data.draw(st.sampled_from([c.id for c in step.choices]))
        plays.append(advance(case, plays[-1], choice)[0])
    return case.id, plays


@given(data=st.data())
def test_every_path_ends_within_as_many_decisions_as_the_case_has_steps(
    content: Content, data: st.DataObject
) -> None:
    case_id, plays = any_play(content, data)
    case = content.case(case_id)
    assert is_over(case, plays[-1])
    assert len(plays[-1].path) <= len(case.steps)


@given(data=st.data())
def test_the_credit_never_falls_and_grows_by_at_most_one_a_decision(
    content: Content, data: st.DataObject
) -> None:
    _, plays = any_play(content, data)
    for before, after in itertools.pairwise(plays):
        assert after.credited - before.credited in (0, 1)
        assert len(after.path) == len(before.path) + 1
    assert 0 <= plays[-1].credited <= len(plays[-1].path)


@given(data=st.data())
def test_stepping_and_the_result_of_the_whole_path_agree(
    content: Content, data: st.DataObject
) -> None:
    case_id, plays = any_play(content, data)
    case = content.case(case_id)
    result = case_result(case, plays[-1].path)
    assert result.finished
    assert result.credited == plays[-1].credited
    assert result.decisions == len(plays[-1].path)
    assert result.ending_id in (None, plays[-1].at)


@given(data=st.data())
def test_a_finished_play_takes_no_more_decisions(content: Content, data: st.DataObject) -> None:
    case_id, plays = any_play(content, data)
    case = content.case(case_id)
    with pytest.raises(ValueError, match="is over"):
        advance(case, plays[-1], "a")


@given(data=st.data())
def test_the_known_path_of_a_path_the_case_allows_is_all_of_it_and_always_a_prefix(
    content: Content, data: st.DataObject
) -> None:
    case_id, plays = any_play(content, data)
    case = content.case(case_id)
    path = list(plays[-1].path)
    assert known_path(case, path) == path
    edited = [*path[:1], ("no-such-step", "a"), *path[1:]]
    assert known_path(case, edited) == path[:1]


def test_a_choice_the_step_does_not_have_is_refused(content: Content) -> None:
    case = content.cases[0]
    with pytest.raises(KeyError):
        advance(case, start(case), "no-such-choice")
