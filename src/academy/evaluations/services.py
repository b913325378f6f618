"""Writes: a course's questions (the default set from the policy data until the academy edits
them) and a learner's submission, which may complete their certificate's checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from academy.catalog.models import Course, Enrolment, EnrolmentStatus
from academy.core import completion
from academy.evaluations.models import (
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationSubmission,
    QuestionKind,
)
from threadlift.catalog.accreditation import accreditation_policy


class EvaluationError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def questions_ensure(*, course: Course) -> list[EvaluationQuestion]:
    """The course's questions; a course without any gets the default set (policy data)."""
    with transaction.atomic():
        questions = list(EvaluationQuestion.objects.filter(course=course))
        if questions:
            return questions
        for position, default in enumerate(accreditation_policy().evaluation.default_questions):
            question = EvaluationQuestion(
                course=course,
                position=position,
                kind=default.kind,
                text=default.text,
                required=default.kind != QuestionKind.TEXT,
                sources=" ".join(default.sources),
            )
            question.full_clean()
            question.save()
        return list(EvaluationQuestion.objects.filter(course=course))


def questions_save(*, course: Course, formset: Any) -> list[EvaluationQuestion]:
    """Save the academy admin's edited questions (a model formset over the course's questions)."""
    with transaction.atomic():
        for form in formset.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed():
                continue
            question = form.save(commit=False)
            question.course = course
            question.full_clean()
            question.save()
    return list(EvaluationQuestion.objects.filter(course=course))


def _checked(question: EvaluationQuestion, raw: str) -> str:
    value = raw.strip()
    if not value:
        if question.required:
            raise ValidationError("Answer this question.")
        return ""
    if question.kind == QuestionKind.SCALE:
        points = {str(p.value) for p in accreditation_policy().evaluation.scale}
        if value not in points:
            raise ValidationError("Choose one of the points on the scale.")
    elif question.kind == QuestionKind.YES_NO and value not in ("yes", "no"):
        raise ValidationError("Choose yes or no.")
    return value


def evaluation_submit(
    *, enrolment: Enrolment, answers: dict[int, str], now: dt.datetime
) -> EvaluationSubmission:
    """Record the learner's evaluation (once per enrolment). Raises ValidationError with one
    message per question id that is not answered properly, EvaluationError otherwise."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise EvaluationError("not_enrolled", "Only learners with a seat evaluate the course.")
    questions = questions_ensure(course=enrolment.run.course)
    problems: dict[str, list[str]] = {}
    values: dict[int, str] = {}
    for question in questions:
        try:
            values[question.pk] = _checked(question, answers.get(question.pk, ""))
        except ValidationError as exc:
            problems[f"q{question.pk}"] = exc.messages
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            submission = EvaluationSubmission(enrolment=enrolment, submitted_at=now)
            submission.full_clean(validate_unique=False)
            submission.save()
            EvaluationAnswer.objects.bulk_create(
                EvaluationAnswer(
                    submission=submission,
                    question=q,
                    question_text=q.text,
                    kind=q.kind,
                    value=values[q.pk],
                )
                for q in questions
            )
    except IntegrityError:  # a second submit (double click, two tabs)
        raise EvaluationError(
            "already_submitted", "You have already evaluated this course. Thank you."
        ) from None
    # The evaluation may be the last thing the certificate was waiting for.
    completion.work_recorded(learner_id=enrolment.learner_id, run_id=enrolment.run_id)
    return submission
