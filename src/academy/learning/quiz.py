"""Quiz attempts: exams (a form per attempt, the attempt policy), tutor practice and practice
rounds of the items answered wrong (never counted); answer (score, deadline), finish.

The scoring is the core's (`threadlift.content`); this module only stores what happened.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment
from academy.core import completion, events
from academy.learning import content, exams
from academy.learning.models import Attempt, AttemptKind, CourseModule, ItemResponse, QuizMode
from threadlift.content import Question, draw_quiz, quiz_result
from threadlift.content.forms import BlueprintError, assemble_form
from threadlift.content.render import render_lesson
from threadlift.content.scoring import score_answer

COORD_LIMIT = 1000.0  # mm; anything beyond is not a point on a face
TUTOR_BASIS = "tutor practice: not counted"


class AnswerError(ValueError):
    """The answer sent is not an answer to this item (the form shows the message)."""


def quiz_attempts(learner: User, run: CourseRun, module_id: str) -> Any:
    """The learner's exam attempts of the module in the run (the ones that count)."""
    return Attempt.objects.filter(
        learner=learner, run=run, module_id=module_id, kind=AttemptKind.QUIZ
    )


def open_attempt(learner: User, run: CourseRun, module_id: str, kind: str) -> Attempt | None:
    return (
        Attempt.objects.filter(
            learner=learner, run=run, module_id=module_id, kind=kind, finished_at__isnull=True
        )
        .order_by("-started_at")
        .first()
    )


def _form(run: CourseRun, settings: CourseModule, seed: int, previous: list[str]) -> Any:
    blueprint = exams.blueprint_for(settings)
    pool = content.question_pool(run.course, settings.module_id)
    if blueprint is None:
        raise AnswerError("This module has no exam blueprint yet; tell the academy.")
    try:
        return assemble_form(pool, blueprint, seed, previous)
    except BlueprintError:
        raise AnswerError(
            "The exam's blueprint asks for more items than the module's pool has; tell the academy."
        ) from None


def _deadline(settings: CourseModule, now: dt.datetime) -> dt.datetime | None:
    if not settings.time_limit_minutes:
        return None
    return now + dt.timedelta(minutes=settings.time_limit_minutes)


def _create(**fields: Any) -> Attempt:
    """A new attempt, validated before it is stored."""
    attempt = Attempt(**fields)
    attempt.full_clean()
    attempt.save()
    return attempt


@transaction.atomic
def start_quiz(
    *, learner: User, run: CourseRun, settings: CourseModule, now: dt.datetime
) -> Attempt:
    """A new exam (or the one still open): a form assembled by the blueprint, away from the
    previous form as far as the exposure rule asks. Raises AnswerError when the attempt policy
    does not allow one now. The enrolment row is locked: two clicks cannot start two exams."""
    Enrolment.objects.select_for_update().filter(learner=learner, run=run).first()
    current = open_attempt(learner, run, settings.module_id, AttemptKind.QUIZ)
    if current is not None and not expire_if_late(current, now=now):
        return current
    rules = exams.exam_policy(learner, run, settings)
    if not rules.can_start:
        raise AnswerError(rules.reason)
    last = quiz_attempts(learner, run, settings.module_id).order_by("-started_at").first()
    previous = [e["id"] for e in last.items] if last is not None else []
    seed = secrets.randbelow(2**31)
    form = _form(run, settings, seed, previous)
    ids = list(form.item_ids)
    mark, basis = exams.pass_mark_for(settings, run.course, ids)
    attempt = _create(
        learner=learner,
        run=run,
        module_id=settings.module_id,
        kind=AttemptKind.QUIZ,
        mode=QuizMode.EXAM,
        seed=seed,
        items=[{"id": i, "options": list(order)} for i, order in form.items],
        pass_mark=mark,
        pass_basis=basis,
        shared=form.shared if last is not None else None,
        started_at=now,
        deadline=_deadline(settings, now),
    )
    if rules.release is not None:
        rules.release.attempt = attempt
        rules.release.full_clean()
        rules.release.save(update_fields=["attempt"])
    return attempt


def start_tutor(
    *, learner: User, run: CourseRun, settings: CourseModule, now: dt.datetime
) -> Attempt:
    """Tutor practice: a form of the blueprint with the key after each answer. It is a
    practice round: it never counts towards progress, completion or a certificate."""
    current = open_attempt(learner, run, settings.module_id, AttemptKind.PRACTICE)
    if current is not None and current.pass_basis == TUTOR_BASIS:
        return current
    seed = secrets.randbelow(2**31)
    form = _form(run, settings, seed, [])
    return _create(
        learner=learner,
        run=run,
        module_id=settings.module_id,
        kind=AttemptKind.PRACTICE,
        mode=QuizMode.TUTOR,
        seed=seed,
        items=[{"id": i, "options": list(order)} for i, order in form.items],
        pass_mark=settings.pass_mark,
        pass_basis=TUTOR_BASIS,
        started_at=now,
    )


def wrong_item_ids(learner: User, run: CourseRun, module_id: str) -> list[str]:
    """Items the learner did not score full marks on, over all finished quiz attempts, in the
    order first met; an item answered right later is still practised (it was wrong once)."""
    rows = ItemResponse.objects.filter(
        attempt__learner=learner,
        attempt__run=run,
        attempt__module_id=module_id,
        attempt__kind=AttemptKind.QUIZ,
        attempt__finished_at__isnull=False,
        score__lt=1,
    ).order_by("attempt__started_at", "position")
    return list(dict.fromkeys(rows.values_list("item_id", flat=True)))


def start_practice(*, learner: User, run: CourseRun, module_id: str, now: dt.datetime) -> Attempt:
    known = content.questions_by_id(run.course, module_id)
    wrong = [i for i in wrong_item_ids(learner, run, module_id) if i in known]
    if not wrong:
        raise AnswerError(
            "There is nothing to practise: no item of this module was answered wrong."
        )
    seed = secrets.randbelow(2**31)
    draw = draw_quiz([known[i] for i in wrong], len(wrong), seed, 1.0)
    return _create(
        learner=learner,
        run=run,
        module_id=module_id,
        kind=AttemptKind.PRACTICE,
        mode=QuizMode.TUTOR,
        seed=seed,
        items=[{"id": d.item_id, "options": list(d.option_order)} for d in draw.items],
        pass_mark=100,
        started_at=now,
    )


def is_late(attempt: Attempt, *, now: dt.datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline


def expire_if_late(attempt: Attempt, *, now: dt.datetime) -> bool:
    """Finish an open attempt whose time is up (unanswered items score 0). True when finished."""
    if attempt.finished_at is None and is_late(attempt, now=now):
        finish(attempt, now=now)
    return attempt.finished_at is not None


def answered(attempt: Attempt) -> dict[int, ItemResponse]:
    return {r.position: r for r in attempt.responses.all()}


def next_position(attempt: Attempt, done: dict[int, ItemResponse]) -> int | None:
    return next((i for i in range(len(attempt.items)) if i not in done), None)


def parse_answer(item: Question, options: list[str], data: Any, course_kb: Any) -> dict[str, Any]:
    """The posted answer as stored, or AnswerError with a message for the learner."""
    if item.kind == "single":
        chosen = data.getlist("option")
        if len(chosen) != 1 or chosen[0] not in options:
            raise AnswerError("Choose one answer.")
        return {"options": chosen}
    if item.kind == "multiple":
        chosen = list(dict.fromkeys(data.getlist("option")))
        if not chosen or any(c not in options for c in chosen):
            raise AnswerError("Choose one or more answers.")
        return {"options": chosen}
    return _parse_point(item, data, course_kb)


def _parse_point(item: Question, data: Any, kb: Any) -> dict[str, Any]:
    landmark = (data.get("landmark") or "").strip()
    raw_x, raw_y = (data.get("x") or "").strip(), (data.get("y") or "").strip()
    if raw_x or raw_y:
        try:
            x, y = float(raw_x), float(raw_y)
        except ValueError:
            raise AnswerError("Give both coordinates as numbers in millimetres.") from None
        if not (math.isfinite(x) and math.isfinite(y)) or max(abs(x), abs(y)) > COORD_LIMIT:
            raise AnswerError(
                f"Coordinates must be numbers between -{COORD_LIMIT:g} and {COORD_LIMIT:g} mm."
            )
        return {"x": x, "y": y}
    if landmark:
        from threadlift.anatomy.faces import template_face

        assert item.view is not None
        point = template_face(item.view).landmarks.get(landmark)
        if point is None:
            raise AnswerError("Choose a landmark from the list.")
        return {"x": float(point[0]), "y": float(point[1]), "landmark": landmark}
    raise AnswerError("Click the drawing, choose a landmark or type the coordinates.")


def score(item: Question, answer: dict[str, Any], kb: Any) -> float:
    """The core's score of the stored answer, by the item's kind."""
    return score_answer(item, answer, kb)


@transaction.atomic
def record_answer(
    *, attempt: Attempt, position: int, item: Question, answer: dict[str, Any], now: dt.datetime
) -> ItemResponse:
    """Store the answer; after the deadline it is kept but not counted (score 0, late). The
    first answer to a position stands (a second post of the same item changes nothing)."""
    late = is_late(attempt, now=now)
    response = ItemResponse.objects.filter(attempt=attempt, position=position).first()
    if response is None:
        value = 0.0 if late else score(item, answer, content.kb())
        response = ItemResponse(
            attempt=attempt,
            position=position,
            item_id=item.id,
            answer=answer,
            score=value,
            late=late,
            answered_at=now,
        )
        response.full_clean(validate_constraints=False)  # one answer per item: the database
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:  # a double post of the same item: the first answer stands
            response = ItemResponse.objects.get(attempt=attempt, position=position)
        events.emit(
            learner_id=attempt.learner_id,
            verb="answered",
            object=events.Thing("item", item.id, item.id, attempt.run_id),
            at=now,
            key=f"item-response:{response.pk}",
            result=events.Result(
                scaled=response.score, success=response.score >= 1, completion=True
            ),
        )
    if late or ItemResponse.objects.filter(attempt=attempt).count() >= len(attempt.items):
        finish(attempt, now=now)
    return response


def finish(attempt: Attempt, *, now: dt.datetime) -> None:
    scores = {r.position: r.score for r in attempt.responses.all()}
    result = quiz_result(
        [scores.get(i, 0.0) for i in range(len(attempt.items))], attempt.pass_mark / 100
    )
    attempt.total = result.score
    attempt.passed = result.passed
    attempt.finished_at = now
    attempt.full_clean()
    attempt.save(update_fields=["total", "passed", "finished_at"])
    events.emit(
        learner_id=attempt.learner_id,
        verb="passed" if attempt.passed else "failed",
        object=events.Thing(
            "exam" if attempt.mode == QuizMode.EXAM else "quiz",
            f"{attempt.run_id}/{attempt.module_id}",
            f"{attempt.module_id} ({attempt.get_kind_display().lower()})",
            attempt.run_id,
        ),
        at=now,
        key=f"quiz-attempt:{attempt.pk}",
        result=events.Result(
            scaled=result.score / max(1, attempt.size),
            raw=result.score,
            min=0,
            max=attempt.size,
            success=bool(attempt.passed),
            completion=True,
            duration_s=max(0, int((now - attempt.started_at).total_seconds())),
        ),
    )
    if attempt.passed and attempt.kind == AttemptKind.QUIZ:  # a pass may complete a module rule
        completion.work_recorded(learner_id=attempt.learner_id, run_id=attempt.run_id)


@dataclass(frozen=True)
class Review:
    """One item of a finished attempt, as the result page shows it."""

    position: int
    item: Question
    options: list[Any]  # core Options in the order shown
    response: ItemResponse | None
    explanation_html: str
    stem_html: str
    sources: tuple[str, ...]
    drawing: str = ""  # hotspot: the view, the target outlined, the learner's click
    regions: tuple[str, ...] = ()
    tolerance_mm: float = 0.0  # hotspot: the policy's tolerance around an `inside` target
    distance_mm: float | None = None  # hotspot: how far the click fell from the target

    @property
    def chosen(self) -> list[str]:
        return list(self.response.answer.get("options", [])) if self.response else []

    @property
    def full_marks(self) -> bool:
        return self.response is not None and self.response.score >= 1


def text_html(text: str, kb: Any = None) -> tuple[str, tuple[str, ...]]:
    """The text as HTML and its cited sources; `kb` resolves an academy's stated references."""
    rendered = render_lesson(text, kb if kb is not None else content.kb())
    return rendered.html, rendered.sources


def review_item(
    position: int,
    entry: dict[str, Any],
    item: Question,
    response: ItemResponse | None,
    kb: Any = None,
) -> Review:
    by_id = {o.id: o for o in item.options}
    options = [
        {
            "id": o,
            "text": by_id[o].text,
            "correct": by_id[o].correct,
            "why": text_html(by_id[o].why, kb)[0],
        }
        for o in entry.get("options", [])
        if o in by_id
    ]
    explanation, sources = text_html(item.explanation, kb)
    stem, _ = text_html(item.stem, kb)
    drawing, regions, tolerance, distance = "", [], 0.0, None
    if item.kind == "hotspot" and item.view is not None and item.answer is not None:
        from academy.learning import figures
        from threadlift.content.forms import policy
        from threadlift.content.regions import distance_to_target
        from threadlift.knowledge.vocab import ZONE_IDS

        regions = [figures.region_name(r) for r in item.answer.inside]
        answer = response.answer if response is not None else {}
        point = (float(answer["x"]), float(answer["y"])) if "x" in answer else None
        zones = tuple(r for r in item.answer.inside if r in ZONE_IDS)
        tolerance = policy().hotspot_tolerance_mm
        drawing = figures.answer_svg(item, zones, point, position, tolerance)
        if point is not None and all(abs(v) < 400 for v in point):  # on the drawing
            distance = distance_to_target(item.view, item.answer, *point, content.kb())
    return Review(
        position,
        item,
        options,
        response,
        explanation,
        stem,
        tuple(dict.fromkeys((*sources, *item.sources))),
        drawing,
        tuple(regions),
        tolerance,
        distance,
    )
