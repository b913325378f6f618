"""Checks of the branching cases: outcomes, citations, the graph, the engine's verdict."""

from __future__ import annotations

from typing import Any

from threadlift.assessment import InputProblem, assess, parse_profile
from threadlift.content.citing import cited_sources, known_listed
from threadlift.content.loader import RawContent
from threadlift.content.schemas import END, Case


def check_cases(raw: RawContent, kb: Any, known: set[str], outcomes: dict[str, set[str]]) -> None:
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
        for ending_id, ending in case.endings.items():
            cited_sources(
                raw, file, case.id, f"endings.{ending_id}.text", ending.text, case.sources, known
            )
        for field, message in path_problems(case):
            raw.problem(file, case.id, field, message)
        for field, message in verdict_problems(case, kb):
            raw.problem(file, case.id, field, message)


def path_problems(case: Case) -> list[tuple[str, str]]:
    """The case's graph: every `next` exists, every step is reachable from `start`, no cycles,
    every path ends, and the best path (the `correct` choices) ends well."""
    problems: list[tuple[str, str]] = []
    if case.start not in case.steps:
        return [("start", f"no step {case.start!r}")]
    for name in (*case.steps, *case.endings):
        if name == END:
            problems.append((f"steps.{END}", f"`{END}` is reserved; it cannot be an id"))
    for name in set(case.steps) & set(case.endings):
        problems.append((f"endings.{name}", f"{name!r} is both a step and an ending"))
    terminal = {END, *case.endings}
    edges: dict[str, set[str]] = {}
    for step_id, step in case.steps.items():
        edges[step_id] = set()
        for choice in step.choices:
            if choice.next not in terminal and choice.next not in case.steps:
                problems.append(
                    (
                        f"steps.{step_id}.choices.{choice.id}.next",
                        f"no step or ending {choice.next!r}",
                    )
                )
            else:
                edges[step_id].add(choice.next)
    reachable = _closure({case.start}, edges)
    for step_id in case.steps:
        if step_id not in reachable:
            problems.append((f"steps.{step_id}", "not reachable from `start`"))
    for ending_id in case.endings:
        if ending_id not in reachable:
            problems.append((f"endings.{ending_id}", "no choice leads here"))
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            reverse.setdefault(target, set()).add(source)
    finishing = _closure(terminal, reverse)
    for step_id in case.steps:
        if step_id not in finishing:
            problems.append((f"steps.{step_id}", "no path from here reaches an ending"))
    cycle = _a_cycle(edges)
    if cycle:
        problems.append(
            (f"steps.{cycle[0]}", "the steps go round in a cycle: " + " -> ".join(cycle))
        )
    elif not problems:
        problems += _best_path_problems(case)
    return problems


def _best_path_problems(case: Case) -> list[tuple[str, str]]:
    """Following the best choice from `start` must end on a good ending (or a plain `end`)."""
    step_id = case.start
    while step_id in case.steps:
        step_id = case.steps[step_id].best.next
    ending = case.endings.get(step_id)
    if ending is not None and ending.outcome != "good":
        return [(f"endings.{step_id}", "the best path ends here, but this ending is `poor`")]
    return []


def _a_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as a list of step ids (first repeated at the end), or []."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node: str, stack: list[str]) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt in edges and nxt not in state:
                found = visit(nxt, stack)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return []


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
