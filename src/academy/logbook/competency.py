"""A learner's progress against a course's practice rules (the academy's policy).

Only signed cases count (signed by a trainer of the run), and only signed DOPS. A case rule
counts cases at exactly its supervision level (of its indication when it names one); a DOPS rule
counts signed DOPS with an overall level of at least `min_level`, and also needs them signed by
at least `min_trainers` different trainers. Counts come from four queries, for one learner or many.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from academy.accounts.models import User
from academy.catalog.models import Course
from academy.logbook.models import Case, CompetencyRule, CompetencySignoff, Dops
from academy.logbook.vocab import DopsStatus, OverallLevel, RuleKind, Supervision


@dataclass(frozen=True)
class RuleProgress:
    rule: CompetencyRule
    text: str
    done: int
    needed: int
    trainers_done: int = 0
    trainers_needed: int = 0

    @property
    def met(self) -> bool:
        return self.done >= self.needed and self.trainers_done >= self.trainers_needed

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.needed)) if self.needed else 100


@dataclass(frozen=True)
class Progress:
    course: Course
    rules: list[RuleProgress]
    signoff: CompetencySignoff | None

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


def _progress(
    course: Course,
    rules: list[CompetencyRule],
    cases: Counter[tuple[int, str, str]],
    dops: list[tuple[int, int | None, str, int]],
    signoff: CompetencySignoff | None,
    names: dict[str, str],
) -> Progress:
    rows = []
    for rule in (r for r in rules if r.course_id == course.pk):
        if rule.kind == RuleKind.CASES:
            done = sum(
                n
                for (cid, sup, ind), n in cases.items()
                if cid == course.pk
                and sup == rule.supervision
                and (not rule.indication or ind == rule.indication)
            )
            rows.append(RuleProgress(rule, rule_text(rule, names), done, rule.count))
        else:
            hits = [
                d
                for d in dops
                if d[0] == course.pk
                and (d[1] or 0) >= (rule.min_level or 0)
                and (not rule.indication or d[2] == rule.indication)
            ]
            rows.append(
                RuleProgress(
                    rule,
                    rule_text(rule, names),
                    len(hits),
                    rule.count,
                    len({d[3] for d in hits}),
                    rule.min_trainers,
                )
            )
    return Progress(course, rows, signoff)


def progress_for(learner: User, courses: list[Course]) -> list[Progress]:
    """Progress of one learner for each course (4 queries whatever the counts)."""
    mine = progress_many([learner.pk], courses)[learner.pk]
    return [mine[c.pk] for c in courses]


def progress_many(learner_ids: list[int], courses: list[Course]) -> dict[int, dict[int, Progress]]:
    """Progress by learner id and course id, for many learners (4 queries in all)."""
    names = _names()
    ids = [c.pk for c in courses]
    rules = list(CompetencyRule.objects.filter(course_id__in=ids))
    cases: dict[int, Counter[tuple[int, str, str]]] = {pk: Counter() for pk in learner_ids}
    for lid, cid, sup, ind in Case.objects.filter(
        learner_id__in=learner_ids, run__course_id__in=ids, signed_at__isnull=False
    ).values_list("learner_id", "run__course_id", "supervision", "indication"):
        cases[lid][(cid, sup, ind)] += 1
    dops: dict[int, list[tuple[int, int | None, str, int]]] = {pk: [] for pk in learner_ids}
    for lid, cid, overall, ind, signer in Dops.objects.filter(
        case__learner_id__in=learner_ids, case__run__course_id__in=ids, status=DopsStatus.SIGNED
    ).values_list(
        "case__learner_id", "case__run__course_id", "overall", "case__indication", "signed_by_id"
    ):
        dops[lid].append((cid, overall, ind, signer))
    signoffs = {
        (s.learner_id, s.course_id): s
        for s in CompetencySignoff.objects.filter(
            learner_id__in=learner_ids, course_id__in=ids
        ).select_related("signed_by")
    }
    return {
        lid: {
            c.pk: _progress(c, rules, cases[lid], dops[lid], signoffs.get((lid, c.pk)), names)
            for c in courses
        }
        for lid in learner_ids
    }
