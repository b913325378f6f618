"""Item statistics of a run's module quizzes, from the core's classical test theory.

Quizzes draw items at random, so attempts answer different items. Per item, the core's functions
get a two-column matrix per response (the item's score, the rest of that attempt's score as a
fraction of its other items): facility is column 0's mean and discrimination its corrected
point-biserial against the rest score. Reliability (KR-20 / alpha) needs one item set: it is
computed on the largest group of attempts that drew the same items (at least 2 attempts).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from academy.catalog.models import CourseRun
from academy.learning import content
from academy.learning.exams import judgements_for
from academy.learning.models import AttemptKind, ItemFlagReport, ItemResponse
from threadlift.content import (
    Question,
    discrimination,
    distractor_frequencies,
    facility,
    reliability,
)
from threadlift.content import flags as item_flags
from threadlift.content.standards import AngoffResult, angoff
from threadlift.content.stats import ItemStatistics, thresholds
from threadlift.content.text import CITATION, DIRECTIVE

_MARKUP = re.compile(r"[*_`#>]+")


def item_text(item: Question, limit: int = 160) -> str:
    """An item's stem as plain words for tables: no citations, directives or Markdown marks."""
    text = _MARKUP.sub("", DIRECTIVE.sub("", CITATION.sub("", item.stem)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


FLAG_LABELS = {
    "too_hard": "Too hard",
    "too_easy": "Too easy",
    "low_discrimination": "Low discrimination",
}


@dataclass
class ItemRow:
    item: Question
    responses: int
    facility: float | None
    discrimination: float | None
    distractors: list[tuple[Any, float]]  # (option, proportion chosen)
    flags: tuple[str, ...] = ()
    reports: list[ItemFlagReport] = field(default_factory=list)
    angoff: float | None = None  # the item's mean Angoff judgement (percent)
    judges: int = 0

    @property
    def text(self) -> str:
        return item_text(self.item)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS.get(f, f) for f in self.flags]


@dataclass
class ModuleStatistics:
    module_id: str
    title: str
    attempts: int
    items: list[ItemRow]
    reliability: float | None
    reliability_n: int
    reliability_kind: str
    percents: list[int]
    angoff: AngoffResult | None = None

    @property
    def review(self) -> list[ItemRow]:
        return [r for r in self.items if r.flags or r.reports]


def run_statistics(run: CourseRun) -> list[ModuleStatistics]:
    """Every module of the run's course (three queries: responses, flags, Angoff judgements)."""
    rows = ItemResponse.objects.filter(
        attempt__run=run, attempt__kind=AttemptKind.QUIZ, attempt__finished_at__isnull=False
    ).values_list(
        "attempt_id", "attempt__module_id", "attempt__items", "item_id", "score", "answer"
    )
    by_attempt: dict[int, dict[str, tuple[float, Any]]] = defaultdict(dict)
    module_of: dict[int, str] = {}
    drawn: dict[int, tuple[str, ...]] = {}
    for attempt_id, module_id, items, item_id, score, answer in rows:
        by_attempt[attempt_id][item_id] = (score, answer)
        module_of[attempt_id] = module_id
        drawn[attempt_id] = tuple(sorted(e["id"] for e in items))
    reports: dict[str, list[ItemFlagReport]] = defaultdict(list)
    for report in ItemFlagReport.objects.filter(run=run, resolved=False).select_related("learner"):
        reports[report.item_id].append(report)
    limits = thresholds()
    judged = judgements_for(run.course)
    out = []
    for view in content.modules_for_course(run.course):
        pool = content.questions_by_id(run.course, view.id)
        attempts = [a for a, m in module_of.items() if m == view.id]
        module = _module(
            view.id,
            view.module.title,
            pool,
            attempts,
            by_attempt,
            drawn,
            reports,
            limits.min_responses,
        )
        module.angoff = angoff({i: v for i, v in judged.items() if i in pool})
        for r in module.items:
            r.judges = len(judged.get(r.item.id, {}))
            r.angoff = module.angoff.item_means.get(r.item.id) if module.angoff else None
        out.append(module)
    return out


def _module(
    module_id: str,
    title: str,
    pool: dict[str, Question],
    attempts: list[int],
    by_attempt: dict[int, dict[str, tuple[float, Any]]],
    drawn: dict[int, tuple[str, ...]],
    reports: dict[str, list[ItemFlagReport]],
    min_responses: int,
) -> ModuleStatistics:
    per_item: dict[str, list[list[float]]] = defaultdict(list)
    choices: dict[str, list[list[str]]] = defaultdict(list)
    percents = []
    for a in attempts:
        answers = by_attempt[a]
        n = max(len(drawn[a]), 1)
        total = sum(s for s, _ in answers.values())
        percents.append(round(100 * total / n))
        for item_id, (score, answer) in answers.items():
            rest = (total - score) / (n - 1) if n > 1 else 0.0
            per_item[item_id].append([score, rest])
            choices[item_id].append(list(answer.get("options", [])))
    items = []
    for item_id, matrix in per_item.items():
        item = pool.get(item_id)
        if item is None:
            continue
        freq = (
            distractor_frequencies(choices[item_id], [o.id for o in item.options])
            if item.options
            else {}
        )
        items.append(
            ItemRow(
                item=item,
                responses=len(matrix),
                facility=facility(matrix, 0),
                discrimination=discrimination(matrix, 0, min_responses),
                distractors=[(o, freq.get(o.id, 0.0)) for o in item.options],
                reports=reports.get(item_id, []),
            )
        )
    found = item_flags(
        ItemStatistics(
            item_id=r.item.id,
            responses=r.responses,
            facility=r.facility,
            discrimination=r.discrimination,
        )
        for r in items
    )
    flagged = {f.item_id: f.flags for f in found}
    for r in items:
        r.flags = flagged.get(r.item.id, ())
    for item_id, item_reports in reports.items():  # flagged items nobody answered here yet
        if item_id in pool and item_id not in per_item:
            items.append(ItemRow(pool[item_id], 0, None, None, [], (), item_reports))
    items.sort(key=lambda r: (r.facility if r.facility is not None else 2.0, r.item.id))
    groups = Counter(drawn[a] for a in attempts)
    value, n, kind = None, 0, ""
    if groups:
        item_set, n = groups.most_common(1)[0]
        if n >= 2:
            matrix = [
                [by_attempt[a][i][0] if i in by_attempt[a] else 0.0 for i in item_set]
                for a in attempts
                if drawn[a] == item_set
            ]
            value = reliability(matrix)
            binary = all(v in (0.0, 1.0) for row in matrix for v in row)
            kind = "KR-20" if binary else "Cronbach's alpha"
    return ModuleStatistics(
        module_id, title, len(attempts), items, value, n if value is not None else 0, kind, percents
    )
