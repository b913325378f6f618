"""The requirement kinds the other apps answer: a module exam passed (learning), a simulator
exercise mastered (simulator), signed logbook cases and a DOPS level (logbook), practice
competency signed off (logbook), practical sessions attended (practice). Each reads that app's own
records for the enrolment's learner and run; nothing is met by default. A met rule also says what
the learner achieved (the exam mark, the cases signed, the highest DOPS rating…): the credential
states that value, never the rule's target.

Each kind checks its parameters against the course before a rule is saved, so a rule that
cannot be met there (a module the course does not teach, an exercise that does not exist, more
sessions than any run has) is refused with a field message."""

from __future__ import annotations

from django.db.models import Max

from academy.catalog.models import Course, Enrolment
from academy.credentials.dates import in_words
from academy.credentials.models import CompletionRule
from academy.credentials.requirements import register_kind
from academy.evaluations.selectors import evaluation_status
from academy.learning import content as learning_content
from academy.learning.models import Attempt as QuizAttempt
from academy.learning.models import AttemptKind, QuizMode
from academy.logbook.models import Case as LogbookCase
from academy.logbook.models import CompetencySignoff, Dops
from academy.logbook.vocab import DopsStatus
from academy.logbook.wba_models import Identity, WbaAssessment, WbaStatus
from academy.practice.models import Attendance, BookingStatus, PracticalSession, SessionBooking
from academy.simulator.content import exercise
from academy.simulator.models import SimulatorSettings
from academy.simulator.progress import Rule
from academy.simulator.selectors import exercise_progress
from threadlift.credentials.credential import DOPS_LEVELS, Evidence
from threadlift.wba import load_forms

Answer = tuple[bool, str] | tuple[bool, str, Evidence | None]


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def course_module_ids(course: Course) -> list[str]:
    return [view.module.id for view in learning_content.modules_for_course(course)]


def _module_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    if params.get("module") not in course_module_ids(course):
        return {"module": "Choose one of this course's modules."}
    return {}


def _module_passed(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    """An exam-mode pass of the module's quiz on this run (tutor mode is practice: it never
    counts). The mark stated is the best exam-mode pass."""
    module_id = str(rule.params.get("module", ""))
    title = learning_content.curriculum().module(module_id).title
    passes = list(
        QuizAttempt.objects.filter(
            learner_id=enrolment.learner_id,
            run_id=enrolment.run_id,
            module_id=module_id,
            kind=AttemptKind.QUIZ,
            mode=QuizMode.EXAM,
            passed=True,
            finished_at__isnull=False,
        ).order_by("finished_at", "id")
    )
    if not passes:
        return False, f"The exam of “{title}” is not passed yet."
    best = max(passes, key=lambda a: a.percent or 0)
    mark = best.percent or 0
    assert best.finished_at is not None
    detail = f"The exam of “{title}” was passed with {mark} % on {in_words(best.finished_at)}."
    evidence = Evidence(
        "",
        key=f"exam-{module_id}",
        result_name=f"Exam mark: {title}",
        result_type="Percent",
        value=str(mark),
    )
    return True, detail, evidence


def _exercise_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    if exercise(str(params.get("exercise", ""))) is None:
        return {"exercise": "Choose one of the simulator's exercises."}
    return {}


def _simulator_mastered(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    ex = exercise(str(rule.params.get("exercise", "")))
    if ex is None or enrolment.learner is None:
        return False, "This simulator exercise does not exist."
    settings = SimulatorSettings.objects.filter(course_id=enrolment.run.course_id).first()
    progress = exercise_progress(enrolment.learner, ex, Rule.for_settings(settings))
    if not progress.mastery.mastered:
        return False, f"“{ex.title}”: {progress.mastery.reason}"
    detail = f"“{ex.title}” mastered (benchmark {progress.benchmark.value:.0f}, {progress.basis})."
    evidence = Evidence(
        "",
        key=f"simulator-{ex.id}",
        result_name=f"Simulator exercise mastered: {ex.title}",
        result_type="Status",
    )
    return True, detail, evidence


def _count_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    count = params.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 999:
        return {"count": "Give the number of cases, 1 to 999."}
    return {}


def _cases_signed(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    needed = _int(rule.params.get("count"), 1)
    signed = LogbookCase.objects.filter(
        learner_id=enrolment.learner_id, run_id=enrolment.run_id, signed_at__isnull=False
    ).count()
    detail = f"{signed} case{'s' if signed != 1 else ''} signed by a trainer on this run"
    if signed < needed:
        return False, f"{detail}; {needed} needed."
    evidence = Evidence(
        "",
        key="cases",
        result_name="Cases signed by a trainer",
        result_type="RawScore",
        value=str(signed),
    )
    return True, f"{detail}.", evidence


def _level_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    if params.get("level") not in DOPS_LEVELS or isinstance(params.get("level"), bool):
        return {"level": "Choose a DOPS level from 0 to 4."}
    return {}


def _dops_level(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    needed = _int(rule.params.get("level"), 4)
    best = Dops.objects.filter(
        case__learner_id=enrolment.learner_id,
        case__run_id=enrolment.run_id,
        status=DopsStatus.SIGNED,
        overall__isnull=False,
    ).aggregate(best=Max("overall"))["best"]
    if best is None:
        return False, "No DOPS has been signed on this run yet."
    if best < needed:
        return False, f"Highest signed DOPS global rating: level {best}; level {needed} needed."
    evidence = Evidence(
        "",
        key="dops",
        result_name="Highest DOPS global rating signed (ISCP levels 0-4)",
        result_type="RubricCriterionLevel",
        level=best,
    )
    return True, f"Highest signed DOPS global rating: level {best} of 4.", evidence


def _competency_signed_off(enrolment: Enrolment) -> Answer:
    signoff = CompetencySignoff.objects.filter(
        learner_id=enrolment.learner_id, course_id=enrolment.run.course_id
    ).first()
    if signoff is None:
        return False, "The practice competency is not signed off by a trainer yet."
    return True, f"Practice competency signed off on {in_words(signoff.signed_at)}."


def _attendance_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    sessions = params.get("sessions")
    if not isinstance(sessions, int) or isinstance(sessions, bool) or not 1 <= sessions <= 100:
        return {"sessions": "Give the number of sessions, 1 to 100."}
    most = max(
        (
            PracticalSession.objects.filter(run_id=run_id).count()
            for run_id in course.runs.filter(cancelled=False, archived=False).values_list(
                "pk", flat=True
            )
        ),
        default=0,
    )
    if most < sessions:
        return {
            "sessions": (
                f"No run of this course has {sessions} practical session"
                f"{'s' if sessions != 1 else ''} (the most is {most}), so the rule could "
                "never be met. Add the sessions to the runs first."
            )
        }
    return {}


def _attendance(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    """Enough sessions attended, and attendance recorded for every session the learner booked:
    a certificate is not issued while a trainer has still to record one."""
    needed = _int(rule.params.get("sessions"), 1)
    held = PracticalSession.objects.filter(run_id=enrolment.run_id).count()
    if held < needed:
        return False, (
            f"This run has {held} practical session{'s' if held != 1 else ''}, fewer than the "
            f"{needed} this requirement asks for: the academy must change the requirement."
        )
    bookings = list(
        SessionBooking.objects.filter(
            learner_id=enrolment.learner_id,
            session__run_id=enrolment.run_id,
            status=BookingStatus.BOOKED,
        ).select_related("session")
    )
    attended = sum(1 for b in bookings if b.attendance == Attendance.ATTENDED)
    detail = f"{attended} of {needed} practical session{'s' if needed != 1 else ''} attended."
    unrecorded = [b.session for b in bookings if not b.attendance]
    if unrecorded:
        first = min(s.date for s in unrecorded)
        return False, f"{detail} Attendance of the session on {in_words(first)} is not recorded."
    if attended < needed:
        return False, detail
    evidence = Evidence(
        "",
        key="attendance",
        result_name="Practical sessions attended",
        result_type="RawScore",
        value=str(attended),
    )
    return True, detail, evidence


def _wba_params(course: Course, params: dict[str, object]) -> dict[str, str]:
    """A workplace-based assessment form, a count, and a lowest overall result on that form's
    own scale (0: any result)."""
    catalogue = load_forms()
    if params.get("wba_form") not in {f.id for f in catalogue.forms}:
        return {"wba_form": "Choose one of the assessment forms."}
    problems = _count_params(course, params)
    low, high = catalogue.overall_range(catalogue.form(str(params["wba_form"])))
    least = params.get("wba_min_overall")
    if (
        not isinstance(least, int)
        or isinstance(least, bool)
        or not (least == 0 or low <= least <= high)
    ):
        problems["wba_min_overall"] = f"Give 0 (any result) or a result from {low} to {high}."
    return problems


def _wba_completed(enrolment: Enrolment, rule: CompletionRule) -> Answer:
    """Completed assessments of one form on this run, at the lowest result or above; with
    `wba_confirmed_only`, an external assessor counts once the academy confirmed them."""
    form = load_forms().form(str(rule.params.get("wba_form", "")))
    needed = _int(rule.params.get("count"), 1)
    least = _int(rule.params.get("wba_min_overall"), 0)
    rows = WbaAssessment.objects.filter(
        learner_id=enrolment.learner_id,
        run_id=enrolment.run_id,
        kind=form.id,
        status=WbaStatus.COMPLETED,
    )
    if least:
        rows = rows.filter(overall__gte=least)
    if rule.params.get("wba_confirmed_only") is True:
        rows = rows.exclude(identity=Identity.UNVERIFIED)
    done = rows.count()
    detail = f"{done} {form.name} completed on this run"
    if done < needed:
        return False, f"{detail}; {needed} needed."
    evidence = Evidence(
        "",
        key=f"wba-{form.id}",
        result_name=f"{form.name} completed",
        result_type="RawScore",
        value=str(done),
    )
    return True, f"{detail}.", evidence


def _evaluation_submitted(enrolment: Enrolment) -> Answer:
    return evaluation_status(enrolment)


def register_platform_kinds() -> None:
    register_kind(
        "evaluation_submitted", "The learner has evaluated the course", _evaluation_submitted
    )
    register_kind(
        "module_passed",
        "A module's exam passed",
        _module_passed,
        params_check=_module_params,
        params=("module",),
    )
    register_kind(
        "simulator_mastered",
        "A simulator exercise mastered",
        _simulator_mastered,
        params_check=_exercise_params,
        params=("exercise",),
    )
    register_kind(
        "cases_signed",
        "Logbook cases signed by a trainer on the run",
        _cases_signed,
        params_check=_count_params,
        params=("count",),
    )
    register_kind(
        "dops_level",
        "A DOPS signed at a level or above",
        _dops_level,
        params_check=_level_params,
        params=("level",),
    )
    register_kind(
        "competency_signed_off",
        "Practice competency signed off by a trainer",
        _competency_signed_off,
    )
    register_kind(
        "wba_completed",
        "Workplace-based assessments completed (CBD, mini-CEX, MSF, patient feedback)",
        _wba_completed,
        params_check=_wba_params,
        params=("wba_form", "count", "wba_min_overall", "wba_confirmed_only"),
    )
    register_kind(
        "attendance",
        "Practical sessions attended",
        _attendance,
        params_check=_attendance_params,
        params=("sessions",),
    )
