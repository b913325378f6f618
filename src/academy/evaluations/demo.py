"""The default evaluation questions on every demo course, and the demo learner's evaluation of
the finished demo run (which their demo certificate waits for). Idempotent."""

from __future__ import annotations

from django.utils import timezone

from academy.catalog.models import Course, Enrolment
from academy.evaluations.models import EvaluationAnswer, EvaluationSubmission, QuestionKind
from academy.evaluations.services import questions_ensure

DEMO_ANSWERS = {
    QuestionKind.SCALE: "4",
    QuestionKind.YES_NO: "no",
    QuestionKind.TEXT: "Demo answer: I will re-mark the facial artery before every jowl pass.",
}


def describe() -> list[str]:
    return ["The default evaluation questions on every demo course"]


def demo_evaluation(enrolment: Enrolment) -> EvaluationSubmission:
    """The demo learner's evaluation, written directly: the demo certificate is signed by its
    own loader, so no certificate is queued here."""
    found = EvaluationSubmission.objects.filter(enrolment=enrolment).first()
    if found is not None:
        return found
    submission = EvaluationSubmission.objects.create(
        enrolment=enrolment, submitted_at=timezone.now()
    )
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(
            submission=submission,
            question=q,
            question_text=q.text,
            kind=q.kind,
            value=DEMO_ANSWERS[QuestionKind(q.kind)],
        )
        for q in questions_ensure(course=enrolment.run.course)
    )
    return submission


def load() -> list[tuple[str, str]]:
    for course in Course.objects.filter(provider__is_demo=True):
        questions_ensure(course=course)
    return []
