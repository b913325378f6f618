"""Checks of the branching cases: outcomes, citations, paths, the assessment engine's verdict."""

from __future__ import annotations

from typing import Any

from threadlift.assessment import InputProblem, assess, parse_profile
from threadlift.content.loader import RawContent
from threadlift.content.schemas import END, Case


def check_cases(raw: RawContent, kb: Any, known: set[str], outcomes: dict[str, set[str]]) -> None:
    from threadlift.content.checks import cited_sources, known_listed

    for case in raw.cases:
        file = raw.file_of("case", case.id)
        if case.module not in outcomes:
            raw.problem(file, case.id, "module", f"no module {case.module!r}")
        for i, oid in enumerate(case.outcomes):
            if case.module in outcomes and oid not in outcomes[case.module]:
                raw.problem(
                    file,
                    case.id,
                    f"outcomes.{i}",
                    f"{oid!r} is not an outcome of module {case.module!r}",
                )
        known_listed(raw, file, case.id, case.sources, known)
        cited_sources(raw, file, case.id, "story", case.story, case.sources, known)
        for step_id, step in case.steps.items():
            cited_sources(
                raw, file, case.id, f"steps.{step_id}.prompt", step.prompt, case.sources, known
            )
            for choice in step.choices:
                cited_sources(
                    raw,
                    file,
                    case.id,
                    f"steps.{step_id}.choices.{choice.id}.feedback",
                    choice.feedback,
                    case.sources,
                    known,
                )
        for field, message in path_problems(case):
            raw.problem(file, case.id, field, message)
        for field, message in verdict_problems(case, kb):
            raw.problem(file, case.id, field, message)


def path_problems(case: Case) -> list[tuple[str, str]]:
    """Dangling `next`, steps not reachable from `start`, steps from which `end` is unreachable."""
    problems: list[tuple[str, str]] = []
    if case.start not in case.steps:
        return [("start", f"no step {case.start!r}")]
    if END in case.steps:
        problems.append((f"steps.{END}", f"`{END}` is reserved; it cannot be a step id"))
    edges: dict[str, set[str]] = {}
    for step_id, step in case.steps.items():
        edges[step_id] = set()
        for choice in step.choices:
            if choice.next != END and choice.next not in case.steps:
                problems.append(
                    (f"steps.{step_id}.choices.{choice.id}.next", f"no step {choice.next!r}")
                )
            else:
                edges[step_id].add(choice.next)
    reachable = _closure({case.start}, edges)
    for step_id in case.steps:
        if step_id not in reachable:
            problems.append((f"steps.{step_id}", "not reachable from `start`"))
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    finishing = _closure({END}, reverse)
    for step_id in case.steps:
        if step_id not in finishing:
            problems.append((f"steps.{step_id}", f"no path from here reaches `{END}`"))
    return problems


def _closure(seeds: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(seeds)
    todo = list(seeds)
    while todo:
        for nxt in edges.get(todo.pop(), set()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def verdict_problems(case: Case, kb: Any) -> list[tuple[str, str]]:
    """The patient parses; each correct choice of a suitability step has the engine's verdict."""
    try:
        profile = parse_profile(case.patient, kb)
    except InputProblem as exc:
        return [(f"patient.{field}", message) for field, message in exc.problems]
    verdict = assess(profile, kb).verdict
    problems = []
    for step_id, step in case.steps.items():
        if step.kind != "suitability":
            continue
        for choice in step.choices:
            if choice.correct and choice.verdict != verdict:
                problems.append(
                    (
                        f"steps.{step_id}.choices.{choice.id}.verdict",
                        f"marked correct with {choice.verdict!r}, "
                        f"but the assessment engine says {verdict!r}",
                    )
                )
            if not choice.correct and choice.verdict == verdict:
                problems.append(
                    (
                        f"steps.{step_id}.choices.{choice.id}.correct",
                        f"has the engine's verdict {verdict!r} but is not marked correct",
                    )
                )
    return problems
