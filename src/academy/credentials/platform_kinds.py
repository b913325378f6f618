"""The requirement kinds the other apps answer: a module quiz passed (learning), a simulator
exercise mastered (simulator), practice competency signed off (logbook), practical sessions
attended (practice). Each reads that app's own records for the enrolment's learner and run;
nothing is met by default."""

from __future__ import annotations

from academy.catalog.models import Enrolment
from academy.credentials.models import CompletionRule
from academy.credentials.requirements import register_kind
from academy.learning import content as learning_content
from academy.learning.models import Attempt as QuizAttempt
from academy.learning.models import AttemptKind
from academy.logbook.models import CompetencySignoff
from academy.practice.models import Attendance, SessionBooking
from academy.simulator.content import exercise
from academy.simulator.models import SimulatorSettings
from academy.simulator.progress import Rule
from academy.simulator.selectors import exercise_progress
from threadlift.content import MODULE_IDS


def _module_params(params: dict[str, object]) -> str | None:
    module = params.get("module")
    if module not in MODULE_IDS:
        return f'Give the module as {{"module": "…"}}, one of: {", ".join(MODULE_IDS)}.'
    return None


def _module_passed(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    module_id = str(rule.params.get("module", ""))
    title = learning_content.curriculum().module(module_id).title
    passed = (
        QuizAttempt.objects.filter(
            learner_id=enrolment.learner_id,
            run_id=enrolment.run_id,
            module_id=module_id,
            kind=AttemptKind.QUIZ,
            passed=True,
        )
        .order_by("finished_at")
        .first()
    )
    if passed is None or passed.finished_at is None:
        return False, f"The quiz of “{title}” is not passed yet."
    return True, f"The quiz of “{title}” was passed on {passed.finished_at:%d %b %Y}."


def _exercise_params(params: dict[str, object]) -> str | None:
    if exercise(str(params.get("exercise", ""))) is None:
        return 'Give the exercise as {"exercise": "…"}, an exercise id of the simulator.'
    return None


def _simulator_mastered(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    ex = exercise(str(rule.params.get("exercise", "")))
    if ex is None or enrolment.learner is None:
        return False, "This simulator exercise does not exist."
    settings = SimulatorSettings.objects.filter(course_id=enrolment.run.course_id).first()
    progress = exercise_progress(enrolment.learner, ex, Rule.for_settings(settings))
    if not progress.mastery.mastered:
        return False, f"“{ex.title}”: {progress.mastery.reason}"
    return (
        True,
        f"“{ex.title}” mastered (benchmark {progress.benchmark.value:.0f}, {progress.basis}).",
    )


def _competency_signed_off(enrolment: Enrolment) -> tuple[bool, str]:
    signoff = CompetencySignoff.objects.filter(
        learner_id=enrolment.learner_id, course_id=enrolment.run.course_id
    ).first()
    if signoff is None:
        return False, "The practice competency is not signed off by a trainer yet."
    return True, f"Practice competency signed off on {signoff.signed_at:%d %b %Y}."


def _attendance_params(params: dict[str, object]) -> str | None:
    sessions = params.get("sessions", 1)
    if not isinstance(sessions, int) or isinstance(sessions, bool) or not 1 <= sessions <= 100:
        return 'Give the number of sessions as {"sessions": N}, N from 1 to 100 (default 1).'
    return None


def _attendance(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    wanted = rule.params.get("sessions", 1)
    needed = wanted if isinstance(wanted, int) and wanted >= 1 else 1
    attended = SessionBooking.objects.filter(
        learner_id=enrolment.learner_id,
        session__run_id=enrolment.run_id,
        attendance=Attendance.ATTENDED,
    ).count()
    detail = f"{attended} of {needed} practical session{'s' if needed != 1 else ''} attended."
    return attended >= needed, detail


def register_platform_kinds() -> None:
    register_kind(
        "module_passed",
        "A module's quiz passed",
        _module_passed,
        params_check=_module_params,
    )
    register_kind(
        "simulator_mastered",
        "A simulator exercise mastered",
        _simulator_mastered,
        params_check=_exercise_params,
    )
    register_kind(
        "competency_signed_off",
        "Practice competency signed off by a trainer",
        _competency_signed_off,
    )
    register_kind(
        "attendance",
        "Practical sessions attended",
        _attendance,
        params_check=_attendance_params,
    )
