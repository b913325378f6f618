"""Conflict-of-interest declarations: the writes, who may be staffed on a run, and what learners
are shown. The rules are the core's (threadlift.catalog.accreditation), the figures its data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Course, CourseRun, Declaration, FinancialRelationship
from threadlift.catalog.accreditation import (
    Relationship,
    accreditation_policy,
    in_window,
    is_current,
    overlapping,
    relevant,
    unmitigated,
)


def as_core(rel: FinancialRelationship | dict[str, Any]) -> Relationship:
    if isinstance(rel, dict):
        return Relationship(
            company=rel["company"],
            kind=rel["kind"],
            starts_on=rel["starts_on"],
            ends_on=rel.get("ends_on"),
            mitigation=rel.get("mitigation") or "",
        )
    return Relationship(
        company=rel.company,
        kind=rel.kind,
        starts_on=rel.starts_on,
        ends_on=rel.ends_on,
        mitigation=rel.mitigation,
    )


def relationship_problems(rows: list[dict[str, Any]]) -> dict[int, dict[str, str]]:
    """{row index: {field: message}} for rows that cannot be saved as they are."""
    problems: dict[int, dict[str, str]] = {}
    kinds = {c.id for c in accreditation_policy().disclosure.relationship_types.values}
    for i, row in enumerate(rows):
        if row["kind"] not in kinds:
            problems.setdefault(i, {})["kind"] = "Choose one of the listed relationship types."
        if row.get("ends_on") and row["ends_on"] < row["starts_on"]:
            problems.setdefault(i, {})["ends_on"] = "The relationship cannot end before it starts."
    valid = [i for i in range(len(rows)) if i not in problems]
    pairs = overlapping([as_core(rows[i]) for i in valid])
    for a, b in pairs:
        later = valid[b]
        problems.setdefault(later, {})["starts_on"] = (
            f"These dates overlap the relationship with {rows[valid[a]]['company']} of the same "
            "type in row " + str(valid[a] + 1) + ": declare one relationship for the whole period."
        )
    return problems


def declaration_save(
    *,
    person: User,
    nothing_to_declare: bool,
    relationships: list[dict[str, Any]],
    now: dt.datetime,
) -> Declaration:
    """Record a new declaration (the previous ones are kept for the record)."""
    if nothing_to_declare and relationships:
        raise ValidationError(
            {"nothing_to_declare": "Untick this or remove the relationships listed below."}
        )
    if not nothing_to_declare and not relationships:
        raise ValidationError(
            {
                "nothing_to_declare": "List your financial relationships, or confirm that you "
                "have none to declare."
            }
        )
    problems = relationship_problems(relationships)
    if problems:
        first = next(iter(problems.values()))
        raise ValidationError(first)
    with transaction.atomic():
        declaration = Declaration(
            person=person, declared_at=now, nothing_to_declare=nothing_to_declare
        )
        declaration.full_clean()
        declaration.save()
        for row in relationships:
            rel = FinancialRelationship(declaration=declaration, **row)
            rel.full_clean()
            rel.save()
    return declaration


def latest_declarations(person_ids: Iterable[int]) -> dict[int, Declaration]:
    """Each person's newest declaration with its relationships (two queries)."""
    found: dict[int, Declaration] = {}
    for d in Declaration.objects.filter(person_id__in=list(person_ids)).prefetch_related(
        "relationships"
    ):
        found.setdefault(d.person_id, d)  # newest first (Meta.ordering)
    return found


def latest_declaration(person: User) -> Declaration | None:
    return latest_declarations([person.pk]).get(person.pk)


def _problem(person: User, declaration: Declaration | None, course: Course, today: dt.date) -> str:
    policy = accreditation_policy().disclosure
    name = person.full_name or person.email
    if declaration is None:
        return f"{name} has not declared their financial relationships yet."
    if not is_current(timezone.localdate(declaration.declared_at), today=today, policy=policy):
        return (
            f"{name}'s declaration of {declaration.declared_at:%d %b %Y} is more than "
            f"{policy.current.months} months old: they must declare again."
        )
    rels = [as_core(r) for r in declaration.relationships.all()]
    missing = unmitigated(rels, course.company_list, today=today, policy=policy)
    if missing:
        companies = ", ".join(sorted({r.company for r in missing}))
        return (
            f"{name} has a relationship with {companies}, whose products this course teaches, "
            "with no mitigation: they must add one to their declaration."
        )
    return ""


def staffing_problems(*, course: Course, people: Iterable[User], today: dt.date) -> list[str]:
    """Why some of `people` cannot control this course's content; empty when all may."""
    people = list(people)
    latest = latest_declarations(p.pk for p in people)
    problems = [_problem(p, latest.get(p.pk), course, today) for p in people]
    return [p for p in problems if p]


@dataclass(frozen=True)
class DisclosedRelationship:
    company: str
    kind_label: str
    starts_on: dt.date
    ends_on: dt.date | None
    mitigation: str


@dataclass(frozen=True)
class Disclosure:
    person: User
    declared_on: dt.date | None
    current: bool
    nothing_to_declare: bool
    relevant: list[DisclosedRelationship]
    other_count: int


def run_disclosures(run: CourseRun, *, today: dt.date) -> list[Disclosure]:
    """What learners are told of the run's trainers before they enrol and in the materials."""
    policy = accreditation_policy().disclosure
    trainers = list(run.trainers.all())
    latest = latest_declarations(t.pk for t in trainers)
    rows = []
    for trainer in trainers:
        declaration = latest.get(trainer.pk)
        if declaration is None:
            rows.append(Disclosure(trainer, None, False, False, [], 0))
            continue
        rels = list(declaration.relationships.all())
        core = [as_core(r) for r in rels]
        chosen = relevant(core, run.course.company_list, today=today, policy=policy)
        shown = [
            DisclosedRelationship(
                r.company,
                policy.relationship_types.label(r.kind),
                r.starts_on,
                r.ends_on,
                r.mitigation,
            )
            for r in chosen
        ]
        in_force = sum(1 for r in core if in_window(r, today=today, policy=policy))
        declared_on = timezone.localdate(declaration.declared_at)
        rows.append(
            Disclosure(
                trainer,
                declared_on,
                is_current(declared_on, today=today, policy=policy),
                declaration.nothing_to_declare,
                shown,
                in_force - len(shown),
            )
        )
    return rows


def disclosure_context(run: CourseRun, *, today: dt.date) -> dict[str, Any]:
    """What `catalog/_disclosures.html` shows, for the run page and the learner's course page."""
    return {
        "disclosures": run_disclosures(run, today=today),
        "disclosure_policy": accreditation_policy().disclosure,
        "course_companies": run.course.company_list,
    }
