"""The side-by-side comparison: rows a careful doctor checks, each explained, differences marked.

No overall score. Where a row has an obvious "more is better" reading (hands-on hours, trainer
experience), the best value is marked and the row says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from academy.accounts.models import PractitionerProfile
from academy.catalog.eligibility import decision_for
from academy.catalog.models import CourseRun
from academy.catalog.vocab import DESIGN_LABELS, MATERIAL_LABELS, Topic
from threadlift.catalog.eligibility import PROFESSION_LABELS


@dataclass
class Cell:
    text: str
    detail: str = ""
    best: bool = False
    tone: str = ""  # ok / warn / bad for eligibility and live models


@dataclass
class Row:
    key: str
    label: str
    why: str
    cells: list[Cell]
    differs: bool = False
    best_rule: str = ""
    sort_values: list[Decimal | None] = field(default_factory=list)


def _num(value: Decimal) -> str:
    """4.0 -> "4", 2.50 -> "2.5" (hours and credits read better without trailing zeros)."""
    return f"{value.normalize():f}"


def _mark_best(row: Row, rule: str) -> None:
    values = [v for v in row.sort_values if v is not None]
    if len(set(values)) < 2:
        return
    top = max(values)
    for cell, value in zip(row.cells, row.sort_values, strict=True):
        cell.best = value == top
    row.best_rule = rule


def comparison(
    runs: list[CourseRun], *, profile: PractitionerProfile | None, now: dt.datetime
) -> list[Row]:
    rows: list[Row] = []

    cells = []
    for run in runs:
        decision = decision_for(profile, run.course, run)
        if decision is None:
            cells.append(Cell("Log in with a practitioner profile to check", tone=""))
        else:
            tone = "ok" if decision.allowed else "bad"
            if decision.allowed and any(r.severity == "caution" for r in decision.reasons):
                tone = "warn"
            text = "You may enrol" if decision.allowed else "You may not enrol"
            detail = " ".join(
                r.message for r in decision.reasons if r.severity != "ok"
            ) or " ".join(r.message for r in decision.reasons)
            cells.append(Cell(text, f"{decision.decided_by} {detail}".strip(), tone=tone))
    rows.append(
        Row(
            "eligibility",
            "Eligibility for you",
            "Your profession and jurisdiction against the course's accepted professions, "
            "the provider's verification rule and our regulation data (with sources): where "
            "you practise and, for hands-on practice in person abroad, where the hands-on happens.",
            cells,
        )
    )

    cells = []
    for run in runs:
        accs = list(run.course.accreditations.all())
        if not accs:
            cells.append(Cell("None stated", tone="warn"))
            continue
        valid = [a for a in accs if a.is_valid_on(run.starts_on)]
        text = "; ".join(
            f"{a.body} — {_num(a.credit_amount)} {a.get_credit_type_display()}" for a in accs
        )
        detail = "" if len(valid) == len(accs) else "Some accreditation expires before the run."
        cells.append(Cell(text, detail, tone="" if valid else "warn"))
    rows.append(
        Row(
            "accreditation",
            "Accreditation and credits",
            "Who accredits the course and the CPD/CME credit it carries; check the "
            "reference with the accrediting body.",
            cells,
        )
    )

    cells = []
    values: list[Decimal | None] = []
    for run in runs:
        trainers = [t for t in run.trainers.all() if hasattr(t, "trainer_profile")]
        if not trainers:
            cells.append(Cell("No trainer named", tone="warn"))
            values.append(None)
            continue
        most = max(t.trainer_profile.thread_procedures_performed for t in trainers)
        years = max(t.trainer_profile.years_in_practice for t in trainers)
        names = ", ".join(t.full_name for t in trainers)
        cells.append(Cell(f"{years} years; up to {most} thread procedures", names))
        values.append(Decimal(most))
    row = Row(
        "trainers",
        "Trainer experience",
        "The most experienced named trainer: years in practice and thread procedures "
        "performed (self-reported by trainers).",
        cells,
        sort_values=values,
    )
    _mark_best(row, "most thread procedures")
    rows.append(row)

    hands = Row(
        "hands_on",
        "Hands-on hours",
        "Supervised practical time. Theory hours are shown for context.",
        [
            Cell(
                f"{_num(r.hands_on_hours)} h hands-on" if r.hands_on else "No hands-on practice",
                f"{_num(r.theory_hours)} h theory",
                tone="" if r.hands_on else "warn",
            )
            for r in runs
        ],
        sort_values=[r.hands_on_hours if r.hands_on else Decimal(0) for r in runs],
    )
    _mark_best(hands, "most hands-on hours")
    rows.append(hands)

    ratio = Row(
        "ratio",
        "Trainer : delegate ratio",
        "How many delegates share one trainer during hands-on practice; fewer is closer "
        "supervision.",
        [
            Cell(
                f"1 : {r.delegates_per_trainer}" if r.delegates_per_trainer else "Not stated",
                tone="" if r.delegates_per_trainer else "warn",
            )
            for r in runs
        ],
        sort_values=[
            Decimal(-r.delegates_per_trainer) if r.delegates_per_trainer else None for r in runs
        ],
    )
    _mark_best(ratio, "fewest delegates per trainer")
    rows.append(ratio)

    rows.append(
        Row(
            "live_models",
            "Live models",
            "Whether you will treat a real patient under supervision, or only watch or "
            "practise on models; ask how models are sourced if not guaranteed.",
            [
                Cell(
                    "Guaranteed" if r.live_models_guaranteed else "Not guaranteed",
                    r.live_models_note,
                    tone="ok" if r.live_models_guaranteed else "warn",
                )
                for r in runs
            ],
        )
    )
    rows.append(
        Row(
            "materials",
            "Thread materials taught",
            "Materials covered (knowledge base ids); absorption and evidence differ by material.",
            [
                Cell(
                    ", ".join(MATERIAL_LABELS.get(m, m) for m in r.course.material_list)
                    or "Not stated"
                )
                for r in runs
            ],
        )
    )
    rows.append(
        Row(
            "designs",
            "Thread designs taught",
            "Mono, screw, cog and cone threads "
            "serve different purposes and need different fixation.",
            [
                Cell(
                    ", ".join(DESIGN_LABELS.get(d, d) for d in r.course.design_list) or "Not stated"
                )
                for r in runs
            ],
        )
    )
    topic_labels = dict(Topic.choices)
    rows.append(
        Row(
            "topics",
            "Curriculum covered",
            "Topics a safe practitioner needs; missing ones are listed.",
            [
                Cell(
                    f"{len(r.course.topic_list)} of {len(topic_labels)} topics",
                    "Missing: "
                    + ", ".join(
                        topic_labels[t] for t in topic_labels if t not in r.course.topic_list
                    )
                    if len(r.course.topic_list) < len(topic_labels)
                    else "All topics",
                )
                for r in runs
            ],
        )
    )
    rows.append(
        Row(
            "professions",
            "Open to",
            "Professions the course accepts.",
            [
                Cell(", ".join(PROFESSION_LABELS.get(p, p) for p in r.course.profession_list))
                for r in runs
            ],
        )
    )
    rows.append(
        Row(
            "price",
            "Price",
            "As listed by the provider, in its currency.",
            [Cell(f"{r.currency} {r.price:,.2f}") for r in runs],
        )
    )
    rows.append(
        Row(
            "dates",
            "Dates",
            "First and last day of the run.",
            [
                Cell(
                    f"{r.starts_on:%d %b %Y}"
                    + (f" – {r.ends_on:%d %b %Y}" if r.ends_on != r.starts_on else ""),
                    r.state(now).label,
                )
                for r in runs
            ],
        )
    )
    rows.append(
        Row(
            "place",
            "Place and mode",
            "Where it happens and how.",
            [
                Cell(
                    f"{r.get_mode_display()}" + (f", {r.city}, {r.country}" if r.city else ""),
                    f"Language: {r.language}",
                )
                for r in runs
            ],
        )
    )
    for row in rows:
        row.differs = len({(c.text, c.detail) for c in row.cells}) > 1
    return rows
