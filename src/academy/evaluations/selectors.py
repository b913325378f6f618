"""Reads: whether a learner has evaluated their course, and a run's results for its academy."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.evaluations.models import EvaluationAnswer, EvaluationSubmission, QuestionKind
from threadlift.catalog.accreditation import accreditation_policy


def evaluation_status(enrolment: Enrolment) -> tuple[bool, str]:
    """(submitted, what the certificate checklist says)."""
    submission = EvaluationSubmission.objects.filter(enrolment=enrolment).first()
    if submission is None:
        return False, "Evaluation: to do. Evaluate the course to receive the certificate."
    day = timezone.localdate(submission.submitted_at)
    return True, f"Evaluation submitted on {day:%d %B %Y}."


@dataclass
class QuestionResult:
    text: str
    kind: str
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    answered: int = 0
    mean: float | None = None


@dataclass
class RunResults:
    enrolled: int
    submitted: int
    questions: list[QuestionResult]


def _answers(run: CourseRun) -> list[EvaluationAnswer]:
    return list(
        EvaluationAnswer.objects.filter(submission__enrolment__run=run).order_by(
            "question__position", "question_text", "submission_id", "id"
        )
    )


def run_results(run: CourseRun) -> RunResults:
    """Counts and distributions per question, and the free text; three queries."""
    scale = accreditation_policy().evaluation.scale
    enrolled = Enrolment.objects.filter(run=run, status=EnrolmentStatus.ENROLLED).count()
    submitted = EvaluationSubmission.objects.filter(enrolment__run=run).count()
    grouped: dict[tuple[str, str], list[str]] = {}
    for answer in _answers(run):
        grouped.setdefault((answer.question_text, answer.kind), []).append(answer.value)
    results = []
    for (text, kind), values in grouped.items():
        given = [v for v in values if v]
        result = QuestionResult(text=text, kind=kind, answered=len(given))
        counts = Counter(given)
        if kind == QuestionKind.SCALE:
            result.counts = [(f"{p.value} {p.label}", counts.get(str(p.value), 0)) for p in scale]
            numbers = [int(v) for v in given if v.isdigit()]
            result.mean = round(sum(numbers) / len(numbers), 1) if numbers else None
        elif kind == QuestionKind.YES_NO:
            result.counts = [("Yes", counts.get("yes", 0)), ("No", counts.get("no", 0))]
        else:
            result.texts = given
        results.append(result)
    return RunResults(enrolled=enrolled, submitted=submitted, questions=results)


def _cell(value: str) -> str:
    """Free text that a spreadsheet would run as a formula is neutralised."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def run_results_csv(run: CourseRun) -> str:
    """One row per answer: the submission (not the learner: answers are anonymous here)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["submission", "submitted_at", "question", "kind", "answer"])
    answers = EvaluationAnswer.objects.filter(submission__enrolment__run=run).select_related(
        "submission"
    )
    numbers: dict[int, int] = {}
    for answer in answers.order_by("submission_id", "id"):
        number = numbers.setdefault(answer.submission_id, len(numbers) + 1)
        writer.writerow(
            [
                number,
                answer.submission.submitted_at.isoformat(),
                _cell(answer.question_text),
                answer.kind,
                _cell(answer.value),
            ]
        )
    return out.getvalue()
