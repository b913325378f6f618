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
    """The rows, in the order the page shows them; a row differs when its cells do."""
    rows = [
        eligibility_row(runs, profile),
        accreditation_row(runs),
        trainers_row(runs),
        hands_on_row(runs),
        ratio_row(runs),
        live_models_row(runs),
        materials_row(runs),
        designs_row(runs),
        topics_row(runs),
        professions_row(runs),
        price_row(runs),
        dates_row(runs, now),
        place_row(runs),
    ]
    for row in rows:
        row.differs = len({(c.text, c.detail) for c in row.cells}) > 1
    return rows


def _eligibility_cell(run: CourseRun, profile: PractitionerProfile | None) -> Cell:
    decision = decision_for(profile, run.course, run)
    if decision is None:
        return Cell("Log in with a practitioner profile to check", tone="")
    tone = "ok" if decision.allowed else "bad"
    if decision.allowed and any(r.severity == "caution" for r in decision.reasons):
        tone = "warn"
    text = "You may enrol" if decision.allowed else "You may not enrol"
    detail = " ".join(r.message for r in decision.reasons if r.severity != "ok") or " ".join(
        r.message for r in decision.reasons
    )
    return Cell(text, f"{decision.decided_by} {detail}".strip(), tone=tone)


def eligibility_row(runs: list[CourseRun], profile: PractitionerProfile | None) -> Row:
    return Row(
        "eligibility",
        "Eligibility for you",
        "Your profession and jurisdiction against the course's accepted professions, "
        "the provider's verification rule and our regulation data (with sources): where "
        "you practise and, for hands-on practice in person abroad, where the hands-on happens.",
        [_eligibility_cell(run, profile) for run in runs],
    )


def _accreditation_cell(run: CourseRun) -> Cell:
    accs = list(run.course.accreditations.all())
    if not accs:
        return Cell("None stated", tone="warn")
    valid = [a for a in accs if a.is_valid_on(run.starts_on)]
    text = "; ".join(
        f"{a.body} — {_num(a.credit_amount)} {a.get_credit_type_display()}" for a in accs
    )
    detail = "" if len(valid) == len(accs) else "Some accreditation expires before the run."
    return Cell(text, detail, tone="" if valid else "warn")


def accreditation_row(runs: list[CourseRun]) -> Row:
    return Row(
        "accreditation",
        "Accreditation and credits",
        "Who accredits the course and the CPD/CME credit it carries; check the "
        "reference with the accrediting body.",
        [_accreditation_cell(run) for run in runs],
    )


def _trainers_cell(run: CourseRun) -> tuple[Cell, Decimal | None]:
    """The cell and the value the best is chosen by (most thread procedures)."""
    trainers = [t for t in run.trainers.all() if hasattr(t, "trainer_profile")]
    if not trainers:
        return Cell("No trainer named", tone="warn"), None
    most = max(t.trainer_profile.thread_procedures_performed for t in trainers)
    years = max(t.trainer_profile.years_in_practice for t in trainers)
    names = ", ".join(t.full_name for t in trainers)
    return Cell(f"{years} years; up to {most} thread procedures", names), Decimal(most)


def trainers_row(runs: list[CourseRun]) -> Row:
    pairs = [_trainers_cell(run) for run in runs]
    row = Row(
        "trainers",
        "Trainer experience",
        "The most experienced named trainer: years in practice and thread procedures "
        "performed (self-reported by trainers).",
        [cell for cell, _ in pairs],
        sort_values=[value for _, value in pairs],
    )
    _mark_best(row, "most thread procedures")
    return row


def hands_on_row(runs: list[CourseRun]) -> Row:
    row = Row(
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
    _mark_best(row, "most hands-on hours")
    return row


def ratio_row(runs: list[CourseRun]) -> Row:
    row = Row(
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
    _mark_best(row, "fewest delegates per trainer")
    return row


def live_models_row(runs: list[CourseRun]) -> Row:
    return Row(
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


def materials_row(runs: list[CourseRun]) -> Row:
    return Row(
        "materials",
        "Thread materials taught",
        "Materials covered (knowledge base ids); absorption and evidence differ by material.",
        [
            Cell(
                ", ".join(MATERIAL_LABELS.get(m, m) for m in r.course.material_list) or "Not stated"
            )
            for r in runs
        ],
    )


def designs_row(runs: list[CourseRun]) -> Row:
    return Row(
        "designs",
        "Thread designs taught",
        "Mono, screw, cog and cone threads serve different purposes and need different fixation.",
        [
            Cell(", ".join(DESIGN_LABELS.get(d, d) for d in r.course.design_list) or "Not stated")
            for r in runs
        ],
    )


def _topics_cell(run: CourseRun, topic_labels: dict[str, str]) -> Cell:
    covered = run.course.topic_list
    if len(covered) < len(topic_labels):
        missing = "Missing: " + ", ".join(topic_labels[t] for t in topic_labels if t not in covered)
    else:
        missing = "All topics"
    return Cell(f"{len(covered)} of {len(topic_labels)} topics", missing)


def topics_row(runs: list[CourseRun]) -> Row:
    topic_labels = dict(Topic.choices)
    return Row(
        "topics",
        "Curriculum covered",
        "Topics a safe practitioner needs; missing ones are listed.",
        [_topics_cell(r, topic_labels) for r in runs],
    )


def professions_row(runs: list[CourseRun]) -> Row:
    return Row(
        "professions",
        "Open to",
        "Professions the course accepts.",
        [
            Cell(", ".join(PROFESSION_LABELS.get(p, p) for p in r.course.profession_list))
            for r in runs
        ],
    )


def price_row(runs: list[CourseRun]) -> Row:
    return Row(
        "price",
        "Price",
        "As listed by the provider, in its currency.",
        [Cell(f"{r.currency} {r.price:,.2f}") for r in runs],
    )


def dates_row(runs: list[CourseRun], now: dt.datetime) -> Row:
    return Row(
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


def place_row(runs: list[CourseRun]) -> Row:
    return Row(
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
