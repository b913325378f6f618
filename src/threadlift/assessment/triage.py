"""Complication triage: reported symptoms and days since the procedure → urgency, likely
complications ranked, management and red flags, each with sources.

Urgency is the highest urgency of the matching triage rules. Rules only ever require symptoms
to be present, so reporting one more symptom can only add matches: urgency never falls. Every
red-flag rule is urgent or emergency on any day (the rule schema enforces both).

Rules are day-aware: a symptom's expected early course has a `max_days` window and the rule
for the same symptom after that window is at least as urgent, so a later day lowers urgency
only where a rule's window in the data says so.

One screen never contradicts itself: a less urgent rule whose symptoms are all explained by a
more urgent match is `superseded` (kept for the record, not shown as advice), and a less urgent
match that is shown says that its class is for that pattern on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from threadlift.assessment.common import Cited, InputProblem, unique
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import TriageRule
from threadlift.knowledge.vocab import SYMPTOMS, URGENCIES, Symptom, Urgency

SYMPTOM_LABELS: dict[Symptom, str] = {
    "swelling": "Swelling",
    "bruising": "Bruising",
    "pain": "Pain",
    "dimpling": "Dimpling",
    "asymmetry": "Asymmetry",
    "visible_thread": "Visible or palpable thread",
    "thread_extrusion": "Thread extrusion",
    "redness": "Redness",
    "warmth": "Warmth",
    "pus_or_fluctuance": "Pus or fluctuance",
    "fever": "Fever",
    "numbness": "Numbness",
    "facial_weakness": "Facial weakness",
    "clear_fluid_leak": "Clear fluid leak",
    "pulsatile_lump": "Pulsatile lump",
    "blanching_or_dusky_skin": "Skin blanching or dusky discolouration",
    "visual_change": "Visual change",
    "late_nodule": "Late nodule",
    "expanding_swelling": "Swelling that is growing",
    "severe_or_increasing_pain": "Severe or increasing pain",
    "periorbital_swelling": "Swelling around the eye",
    "anaphylaxis": "Signs of anaphylaxis (breathing difficulty, throat swelling, collapse)",
    "local_anaesthetic_toxicity": "Signs of local anaesthetic toxicity",
    "trismus": "Cannot open the mouth (trismus)",
    "spreading_redness": "Redness that is spreading",
}

URGENCY_LABELS: dict[Urgency, str] = {
    "routine": "Routine",
    "review_days": "Review within days",
    "urgent": "Urgent - same day",
    "emergency": "Emergency - now",
}

MAX_DAYS = 3650
"""Ten years: beyond this a day count is a typing error, not a history."""


class Match(Cited):
    """A triage rule that matched, with the reported symptoms it matched on.

    `urgency_label` is the rule's class in words; where it is below the overall urgency it
    reads "On its own: …", so that it never contradicts the overall urgency beside it."""

    rule: str
    name: str
    urgency: Urgency
    urgency_label: str
    red_flag: bool
    advice: str
    matched: tuple[Symptom, ...]
    notes: tuple[str, ...] = ()


class Likely(Cited):
    """A complication the symptoms suggest, with its published management."""

    id: str
    name: str
    severity: str
    urgency: Urgency
    urgency_label: str = ""
    matched: tuple[Symptom, ...]
    onset: str
    course: str | None
    management: tuple[str, ...]
    red_flags: tuple[str, ...]
    refer_urgently: str | None


class Triage(Cited):
    days: int
    symptoms: tuple[Symptom, ...]
    urgency: Urgency
    urgency_label: str
    red_flags: tuple[Match, ...]
    matches: tuple[Match, ...]
    """The matches shown as advice, most urgent first."""
    superseded: tuple[Match, ...] = ()
    """Less urgent matches whose symptoms a more urgent match already explains."""
    likely: tuple[Likely, ...]


def normalise_symptom(text: str) -> str:
    """`"Pus or fluctuance"`, `pus-or-fluctuance` and `pus_or_fluctuance` are the same id."""
    return "_".join(text.strip().lower().replace("-", " ").split())


def parse_symptoms(values: Iterable[str]) -> tuple[Symptom, ...]:
    """Symptom ids from user text; raise `InputProblem` naming each unknown one."""
    found: list[Symptom] = []
    problems = []
    for index, value in enumerate(values):
        symptom_id = normalise_symptom(value)
        if symptom_id in SYMPTOMS:
            found.append(symptom_id)
        else:
            problems.append(
                (f"symptoms.{index}", f"unknown symptom {value!r}; known: {', '.join(SYMPTOMS)}")
            )
    if problems:
        raise InputProblem(problems)
    return tuple(unique(list(found)))  # type: ignore[arg-type]


def triage(kb: KnowledgeBase, symptoms: Iterable[Symptom], days: int) -> Triage:
    """Triage `symptoms` reported `days` days after the procedure (0 = the day itself)."""
    if not 0 <= days <= MAX_DAYS:
        raise InputProblem([("days", f"must be between 0 and {MAX_DAYS}, got {days}")])
    reported = tuple(s for s in SYMPTOMS if s in set(symptoms))
    matches = [m for rule in kb.triage_rules if (m := _match(rule, reported, days)) is not None]
    rank = URGENCIES.index
    urgency: Urgency = max((m.urgency for m in matches), key=rank, default="routine")
    matches.sort(key=lambda m: -rank(m.urgency))
    likely = _likely(kb, matches)
    shown, superseded = _split_superseded(matches)
    shown = [_labelled(m, urgency) for m in shown]
    likely = tuple(_labelled(c, urgency) for c in likely)
    return Triage(
        days=days,
        symptoms=reported,
        urgency=urgency,
        urgency_label=URGENCY_LABELS[urgency],
        red_flags=tuple(m for m in shown if m.red_flag),
        matches=tuple(shown),
        superseded=tuple(superseded),
        likely=likely,
        sources=unique([s for m in matches for s in m.sources]),
        evidence="unconfirmed" if not matches else matches[0].evidence,
        marks=tuple(unique([mark for m in matches for mark in m.marks])),
    )


_Labelled = TypeVar("_Labelled", Match, Likely)


def _split_superseded(matches: list[Match]) -> tuple[list[Match], list[Match]]:
    """Matches (most urgent first) split into those shown and those a more urgent match
    explains entirely (every symptom they matched is matched by a more urgent rule)."""
    rank = URGENCIES.index
    shown: list[Match] = []
    superseded: list[Match] = []
    for m in matches:
        more_urgent = {s for o in matches if rank(o.urgency) > rank(m.urgency) for s in o.matched}
        (superseded if set(m.matched) <= more_urgent else shown).append(m)
    return shown, superseded


def _labelled(item: _Labelled, overall: Urgency) -> _Labelled:
    label = URGENCY_LABELS[item.urgency]
    if item.urgency != overall:
        label = f"On its own: {label}"
    return item.model_copy(update={"urgency_label": label})


def _match(rule: TriageRule, reported: tuple[Symptom, ...], days: int) -> Match | None:
    present = set(reported)
    if not set(rule.all_of) <= present:
        return None
    if rule.any_of and not present & set(rule.any_of):
        return None
    if rule.days is not None:
        if rule.days.min_days is not None and days < rule.days.min_days:
            return None
        if rule.days.max_days is not None and days > rule.days.max_days:
            return None
    matched = tuple(s for s in reported if s in rule.all_of or s in rule.any_of)
    return Match(
        rule=rule.id,
        name=rule.name,
        urgency=rule.urgency,
        urgency_label=URGENCY_LABELS[rule.urgency],
        red_flag=rule.red_flag,
        advice=" ".join(rule.advice.split()),
        matched=matched,
        notes=rule.notes,
        sources=rule.sources,
        evidence=rule.evidence,
        marks=rule.marks,
    )


def _likely(kb: KnowledgeBase, matches: list[Match]) -> tuple[Likely, ...]:
    """Complications named by the matches, ranked by urgency, then by symptoms explained."""
    rank = URGENCIES.index
    found: dict[str, tuple[Urgency, set[Symptom], int]] = {}
    order = 0
    for match in matches:
        rule = next(r for r in kb.triage_rules if r.id == match.rule)
        for complication_id in rule.complications:
            urgency, symptoms, first = found.get(complication_id, ("routine", set(), order))
            found[complication_id] = (
                max(urgency, match.urgency, key=rank),
                symptoms | set(match.matched),
                first,
            )
            order += 1
    ranked = sorted(found.items(), key=lambda kv: (-rank(kv[1][0]), -len(kv[1][1]), kv[1][2]))
    result = []
    for complication_id, (urgency, symptoms, _) in ranked:
        c = kb.complication(complication_id)
        result.append(
            Likely(
                id=c.id,
                name=c.name,
                severity=c.severity,
                urgency=urgency,
                matched=tuple(s for s in SYMPTOMS if s in symptoms),
                onset=c.onset,
                course=c.course,
                management=c.management,
                red_flags=c.red_flags,
                refer_urgently=c.refer_urgently,
                sources=c.sources,
                evidence=c.evidence,
                marks=c.marks,
            )
        )
    return tuple(result)
