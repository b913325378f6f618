"""A learner's result for a graded target, exactly as the platform's own pages show it, and its
sending to the LMS line item (LTI Assignment and Grade Services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade

from academy.learning.models import Attempt, AttemptKind
from academy.lti import targets, tool
from academy.lti.models import LtiGradeLink
from academy.simulator import content as simulator_content
from academy.simulator import selectors as simulator_selectors
from academy.simulator.models import Attempt as SimulatorAttempt


@dataclass(frozen=True)
class Score:
    given: float
    maximum: float
    completed: bool
    comment: str

    def __str__(self) -> str:
        return f"{self.given:g}/{self.maximum:g}"


def score_maximum(target: targets.Target) -> float:
    """The line item's maximum when deep linking makes one (quiz: percent; exercise: 1)."""
    return 100.0 if target.kind == "quiz" else 1.0


def score_for(link: LtiGradeLink) -> Score | None:
    """The quiz: its latest finished exam attempt, "total of size", as the result page says it.
    The exercise: 1 when mastered (as the simulator's progress says), else 0, once a test attempt
    was submitted. None: nothing to send yet."""
    kind, _, rest = link.target.partition(":")
    item_id = rest.partition(":")[2]
    if kind == "quiz":
        attempt = (
            Attempt.objects.filter(
                learner=link.user,
                run=link.run,
                module_id=item_id,
                kind=AttemptKind.QUIZ,
                finished_at__isnull=False,
            )
            .order_by("-finished_at", "-id")
            .first()
        )
        if attempt is None or attempt.total is None:
            return None
        verdict = "passed" if attempt.passed else "not passed"
        return Score(
            given=float(attempt.total),
            maximum=float(attempt.size),
            completed=True,
            comment=f"{attempt.total:g} of {attempt.size} ({attempt.percent}%), {verdict}",
        )
    if kind == "exercise":
        exercise = simulator_content.exercise(item_id)
        tried = (
            SimulatorAttempt.objects.submitted()
            .tests()
            .filter(learner=link.user, exercise_id=item_id)
        )
        if exercise is None or not tried.exists():
            return None
        progress = simulator_selectors.exercise_progress(link.user, exercise)
        mastered = bool(progress.mastery.mastered)
        return Score(
            given=1.0 if mastered else 0.0,
            maximum=1.0,
            completed=mastered,
            comment="Mastered" if mastered else "Not mastered yet",
        )
    return None


def score_send(*, link: LtiGradeLink, score: Score, now: dt.datetime) -> None:
    """POST the score to the line item (raises pylti1p3's exceptions when the LMS refuses)."""
    grade = (
        Grade()
        .set_score_given(score.given)
        .set_score_maximum(score.maximum)
        .set_timestamp(now.isoformat())
        .set_activity_progress("Completed" if score.completed else "InProgress")
        .set_grading_progress("FullyGraded")
        .set_user_id(link.sub)
        .set_comment(score.comment)
    )
    service = AssignmentsGradesService(
        tool.service_connector(link.platform, now=now),
        {"scope": list(link.scopes), "lineitem": link.lineitem},
    )
    service.put_grade(grade)
