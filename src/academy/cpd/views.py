"""The learner's portfolio: the ledger, external CPD, reflections, feedback, the development
plan and the revalidation statement. Thin: access helpers, forms, services, exports."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.cpd import exports, selectors, services
from academy.cpd.access import get_external_for_learner, get_goal_for_learner
from academy.cpd.forms import (
    ExternalForm,
    FeedbackForm,
    GoalForm,
    ReflectionForm,
    StatementForm,
)
from academy.cpd.models import GoalStatus
from threadlift.cpd.policy import cpd_policy
from threadlift.cpd.statement import build_statement


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _default_cycle(today: dt.date) -> dict[str, Any]:
    return {"regulator": "nmc", "start": today.replace(year=today.year - 3), "end": today}


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    today = timezone.localdate()
    initial = _default_cycle(today)
    form = StatementForm(initial=initial, today=today)
    statement = build_statement(
        cpd_policy(),
        regulator_id="nmc",
        role_id="",
        start=initial["start"],
        end=today,
        today=today,
        totals=selectors.totals_for(learner=user, start=initial["start"], end=today),
    )
    return render(
        request,
        "cpd/portfolio.html",
        {
            "credits": list(selectors.ledger_of(user)),
            "external": list(selectors.external_of(user)),
            "reflections": list(selectors.reflections_of(user)),
            "feedback": list(selectors.feedback_items(learner=user, start=dt.date.min, end=today)),
            "goals": list(selectors.goals_of(user)),
            "statement": statement,
            "form": form,
            "policy": cpd_policy(),
            "outcome_labels": {o.id: o.id for o in cpd_policy().development_outcomes.outcomes},
        },
    )


def _create(
    request: HttpRequest, form: BaseForm, template: str, save: Any, done: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            for field, problems in exc.message_dict.items():
                for problem in problems:
                    form.add_error(None if field not in form.fields else field, problem)
        else:
            messages.success(request, done)
            return redirect("cpd:portfolio")
    return render(
        request, template, {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
def external_new(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = ExternalForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> None:
        evidence = data.pop("evidence", None)
        services.external_create(learner=user, data=data, evidence=evidence, now=timezone.now())

    return _create(request, form, "cpd/external_form.html", save, "External CPD recorded.")


@login_required
def external_evidence(request: HttpRequest, external_id: int) -> HttpResponse:
    item = get_external_for_learner(_me(request), external_id)
    if not item.evidence:
        return HttpResponse("No evidence file.", status=404, content_type="text/plain")
    with item.evidence.open("rb") as handle:
        body = handle.read()
    name = item.evidence.name or "evidence.bin"
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = HttpResponse(body, content_type=kind)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = (
        f'attachment; filename="cpd-evidence-{item.pk}.{name.rsplit(".", 1)[-1]}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def reflection_new(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    initial = {
        k: request.GET[k] for k in ("credit", "external", "case", "feedback") if k in request.GET
    }
    form = ReflectionForm(request.POST or None, learner=user, initial=initial)

    def save(data: dict[str, Any]) -> None:
        services.reflection_create(learner=user, data=data, now=timezone.now())

    return _create(request, form, "cpd/reflection_form.html", save, "Reflection saved.")


@login_required
def feedback_new(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = FeedbackForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.feedback_create(learner=user, data=data, now=timezone.now())

    return _create(request, form, "cpd/feedback_form.html", save, "Feedback recorded.")


@login_required
def goal_new(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = GoalForm(request.POST or None)

    def save(data: dict[str, Any]) -> None:
        services.goal_create(learner=user, data=data, now=timezone.now())

    return _create(request, form, "cpd/goal_form.html", save, "Goal added to your plan.")


@require_POST
@login_required
def goal_status(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for_learner(_me(request), goal_id)
    status = request.POST.get("status", "")
    if status not in GoalStatus.values:
        messages.error(request, "Choose a status: planned, in progress or done.")
    else:
        services.goal_set_status(goal=goal, status=status)
    return redirect("cpd:portfolio")


def _attachment(body: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def ledger_csv(request: HttpRequest) -> HttpResponse:
    body = exports.ledger_csv(selectors.ledger_of(_me(request)))
    return _attachment(body, "text/csv; charset=utf-8", "cpd-ledger.csv")


@login_required
def ledger_pdf(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    body = exports.ledger_pdf(
        f"CPD ledger: {user.full_name or user.email}",
        list(selectors.ledger_of(user)),
        by_learner=False,
    )
    return _attachment(body, "application/pdf", "cpd-ledger.pdf")


@login_required
def statement(request: HttpRequest) -> HttpResponse:
    """The statement as PDF for the cycle asked; with a mistake, the form again, filled in."""
    user = _me(request)
    today = timezone.localdate()
    form = StatementForm(request.GET or None, today=today)
    if not form.is_valid():
        return render(
            request, "cpd/statement_form.html", {"form": form}, status=400 if request.GET else 200
        )
    data = form.cleaned_data
    start, end = data["start"], data["end"]
    built = build_statement(
        cpd_policy(),
        regulator_id=data["regulator"],
        role_id=data["role"] or "",
        start=start,
        end=end,
        today=today,
        totals=selectors.totals_for(learner=user, start=start, end=end),
    )
    body = exports.statement_pdf(
        person=user.full_name or user.email,
        statement=built,
        credits=list(selectors.ledger_of(user).filter(awarded_on__gte=start, awarded_on__lte=end)),
        external=list(selectors.external_of(user).filter(date__gte=start, date__lte=end)),
        reflections=list(
            selectors.reflections_of(user).filter(written_on__gte=start, written_on__lte=end)
        ),
        feedback=selectors.feedback_items(learner=user, start=start, end=end),
    )
    return _attachment(body, "application/pdf", f"revalidation-{built.regulator.id}-{end}.pdf")
