"""Evaluation pages: the learner's form, the academy's question editor and a run's results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.evaluations import access, selectors, services
from academy.evaluations.forms import EvaluationForm, QuestionFormSet
from academy.evaluations.models import EvaluationQuestion, EvaluationSubmission
from threadlift.catalog.accreditation import accreditation_policy


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.LEARNER)
def evaluate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access.get_enrolment_for_evaluation(_user(request), enrolment_id)
    submission = EvaluationSubmission.objects.filter(enrolment=enrolment).first()
    questions = services.questions_ensure(course=enrolment.run.course)
    form = EvaluationForm(request.POST or None, questions=questions)
    if request.method == "POST" and submission is None and form.is_valid():
        try:
            services.evaluation_submit(
                enrolment=enrolment, answers=form.answers(), now=timezone.now()
            )
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        except services.EvaluationError as exc:
            messages.info(request, exc.message)
            return redirect("evaluations:evaluate", enrolment_id=enrolment.pk)
        else:
            messages.success(request, "Thank you: your evaluation is recorded.")
            return redirect("credentials:checklist", enrolment_id=enrolment.pk)
    context = {
        "enrolment": enrolment,
        "form": form,
        "submission": submission,
        "policy": accreditation_policy().evaluation,
    }
    return _private(render(request, "evaluations/evaluate.html", context))


@role_required(Role.ACADEMY_ADMIN)
def questions(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for_questions(_user(request), course_id)
    services.questions_ensure(course=course)
    formset = QuestionFormSet(
        request.POST or None, queryset=EvaluationQuestion.objects.filter(course=course)
    )
    if request.method == "POST" and formset.is_valid():
        services.questions_save(course=course, formset=formset)
        messages.success(request, "Evaluation questions saved.")
        return redirect("evaluations:questions", course_id=course.pk)
    context = {"course": course, "formset": formset, "policy": accreditation_policy().evaluation}
    return render(request, "evaluations/questions.html", context)


@role_required(Role.ACADEMY_ADMIN)
def results(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_for_results(_user(request), run_id)
    context = {"run": run, "results": selectors.run_results(run)}
    return _private(render(request, "evaluations/results.html", context))


@role_required(Role.ACADEMY_ADMIN)
def results_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_for_results(_user(request), run_id)
    response = HttpResponse(selectors.run_results_csv(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluations-run-{run.pk}.csv"'
    return _private(response)
