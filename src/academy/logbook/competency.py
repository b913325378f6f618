"""A learner's progress against a course's practice rules (the academy's policy).

Only signed cases count (signed by a trainer of the run), and only signed DOPS. What a rule
counts is the core's (`threadlift.practice.competency.rule_count`: a case rule counts cases at
exactly its supervision level, a DOPS rule signed DOPS at `min_level` or above by at least
`min_trainers` different trainers). Evidence comes from four queries, for one learner or many,
and a fifth counts the workplace-based assessments completed (CBD, mini-CEX, MSF, patient
feedback) on the course's runs, shown beside the rules (`Progress.wba`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from academy.accounts.models import User
from academy.catalog.models import Course
from academy.logbook.models import Case, CompetencyRule, CompetencySignoff, Dops
from academy.logbook.vocab import DopsStatus, OverallLevel, RuleKind, Supervision
from academy.logbook.wba_models import Identity, WbaAssessment, WbaKind, WbaStatus
from threadlift.practice.competency import (
    CaseEvidence,
    DopsEvidence,
    PracticeRule,
    RuleCount,
    rule_count,
)

# Signed evidence of one learner, by course id.
Evidence = tuple[dict[int, list[CaseEvidence]], dict[int, list[DopsEvidence]]]


@dataclass(frozen=True)
class RuleProgress:
    rule: CompetencyRule
    text: str
    done: int
    needed: int
    trainers_done: int = 0
    trainers_needed: int = 0

    @classmethod
    def of(cls, rule: CompetencyRule, text: str, count: RuleCount) -> RuleProgress:
        return cls(rule, text, count.done, count.needed, count.trainers_done, count.trainers_needed)

    @property
    def count(self) -> RuleCount:
        return RuleCount(
            done=self.done,
            needed=self.needed,
            trainers_done=self.trainers_done,
            trainers_needed=self.trainers_needed,
        )

    @property
    def met(self) -> bool:
        return self.count.met

    @property
    def percent(self) -> int:
        return self.count.percent


@dataclass(frozen=True)
class WbaCount:
    """Completed workplace-based assessments of one kind: all, and those whose assessor is
    verified (a trainer on the platform, or an external assessor the academy confirmed)."""

    kind: str
    label: str
    completed: int
    verified: int


@dataclass(frozen=True)
class Progress:
    course: Course
    rules: list[RuleProgress]
    signoff: CompetencySignoff | None
    wba: tuple[WbaCount, ...] = ()

    @property
    def all_met(self) -> bool:
        return bool(self.rules) and all(r.met for r in self.rules)


def rule_text(rule: CompetencyRule, indication_names: dict[str, str]) -> str:
    where = (
        f" for {indication_names.get(rule.indication, rule.indication)}" if rule.indication else ""
    )
    if rule.kind == RuleKind.CASES:
        level = Supervision(rule.supervision).label.lower() if rule.supervision else "any level"
        return f"{rule.count} signed case{'s' if rule.count != 1 else ''} {level}{where}"
    level_label = OverallLevel(rule.min_level or 0).label
    trainers = (
        f", by at least {rule.min_trainers} different trainers" if rule.min_trainers > 1 else ""
    )
    return f"{rule.count} signed DOPS at level {level_label} or above{where}{trainers}"


def _names() -> dict[str, str]:
    from threadlift.knowledge import load_knowledge

    return {i.id: i.name for i in load_knowledge().indications}


def as_practice_rule(rule: CompetencyRule) -> PracticeRule:
    return PracticeRule(
        kind="cases" if rule.kind == RuleKind.CASES else "dops",
        count=rule.count,
        supervision=rule.supervision,
        indication=rule.indication,
        min_level=rule.min_level,
        min_trainers=0 if rule.kind == RuleKind.CASES else rule.min_trainers,
    )


def _progress(
    course: Course,
    rules: list[CompetencyRule],
    evidence: Evidence,
    signoff: CompetencySignoff | None,
    names: dict[str, str],
) -> Progress:
    cases, dops = evidence
    rows = [
        RuleProgress.of(
            rule,
            rule_text(rule, names),
            rule_count(as_practice_rule(rule), cases[course.pk], dops[course.pk]),
        )
        for rule in rules
        if rule.course_id == course.pk
    ]
    return Progress(course, rows, signoff)


def _wba_counts(
    learner_ids: list[int], course_ids: list[int]
) -> dict[tuple[int, int], tuple[WbaCount, ...]]:
    """(learner id, course id) -> counts by kind, from one query."""
    tally: dict[tuple[int, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for lid, cid, kind, identity in WbaAssessment.objects.filter(
        learner_id__in=learner_ids, run__course_id__in=course_ids, status=WbaStatus.COMPLETED
    ).values_list("learner_id", "run__course_id", "kind", "identity"):
        tally[(lid, cid, kind)][0] += 1
        tally[(lid, cid, kind)][1] += identity != Identity.UNVERIFIED
    out: dict[tuple[int, int], tuple[WbaCount, ...]] = {}
    for lid in learner_ids:
        for cid in course_ids:
            out[(lid, cid)] = tuple(
                WbaCount(kind.value, kind.label, *tally[(lid, cid, kind.value)])
                for kind in WbaKind
                if (lid, cid, kind.value) in tally
            )
    return out


def progress_for(learner: User, courses: list[Course]) -> list[Progress]:
    """Progress of one learner for each course (5 queries whatever the counts)."""
    mine = progress_many([learner.pk], courses)[learner.pk]
    return [mine[c.pk] for c in courses]


def progress_many(learner_ids: list[int], courses: list[Course]) -> dict[int, dict[int, Progress]]:
    """Progress by learner id and course id, for many learners (5 queries in all)."""
    names = _names()
    ids = [c.pk for c in courses]
    rules = list(CompetencyRule.objects.filter(course_id__in=ids))
    evidence: dict[int, Evidence] = {
        pk: (defaultdict(list), defaultdict(list)) for pk in learner_ids
    }
    for lid, cid, sup, ind in Case.objects.filter(
        learner_id__in=learner_ids, run__course_id__in=ids, signed_at__isnull=False
    ).values_list("learner_id", "run__course_id", "supervision", "indication"):
        evidence[lid][0][cid].append(CaseEvidence(supervision=sup, indication=ind))
    for lid, cid, overall, ind, signer in Dops.objects.filter(
        case__learner_id__in=learner_ids, case__run__course_id__in=ids, status=DopsStatus.SIGNED
    ).values_list(
        "case__learner_id", "case__run__course_id", "overall", "case__indication", "signed_by_id"
    ):
        evidence[lid][1][cid].append(DopsEvidence(overall=overall, indication=ind, signer=signer))
    signoffs = {
        (s.learner_id, s.course_id): s
        for s in CompetencySignoff.objects.filter(
            learner_id__in=learner_ids, course_id__in=ids
        ).select_related("signed_by")
    }
    wba = _wba_counts(learner_ids, ids)
    return {
        lid: {
            c.pk: replace(
                _progress(c, rules, evidence[lid], signoffs.get((lid, c.pk)), names),
                wba=wba[(lid, c.pk)],
            )
            for c in courses
        }
        for lid in learner_ids
    }
