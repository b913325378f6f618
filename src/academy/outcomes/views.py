"""Follow-up pages: the clinician's list, a case's follow-ups (and calendar), one follow-up with
its triage and plan report, recording it, and its photos. Thin: access helpers, forms, services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.outcomes.access import (
    follow_ups_visible_to,
    get_case_for_follow_ups,
    get_follow_up_for_clinician,
    get_follow_up_for_viewer,
    get_photo_for_viewer,
)
from academy.outcomes.forms import ComplicationFormSet, FollowUpForm, initial_for
from academy.outcomes.models import FollowUp, FollowUpStatus
from academy.outcomes.report import plan_report, triage_for
from academy.outcomes.services import follow_up_record
from threadlift.knowledge import load_knowledge
from threadlift.outcomes.calendar import follow_ups_ics
from threadlift.outcomes.policy import outcomes_policy


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(Role.LEARNER)
def mine(request: HttpRequest) -> HttpResponse:
    """The clinician's follow-ups: due or overdue first, then those to come, then recorded."""
    user = _me(request)
    today = timezone.localdate()
    items = list(follow_ups_visible_to(user).filter(case__learner=user).order_by("due_on", "id"))
    due = [f for f in items if f.status == FollowUpStatus.DUE and f.due_on <= today]
    upcoming = [f for f in items if f.status == FollowUpStatus.DUE and f.due_on > today]
    recorded = [f for f in items if f.is_recorded][::-1]
    return render(
        request,
        "outcomes/mine.html",
        {
            "due": due,
            "upcoming": upcoming,
            "recorded": recorded,
            "today": today,
            "policy": outcomes_policy().follow_ups,
        },
    )


@login_required
def case_follow_ups(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_follow_ups(_me(request), case_id)
    items = list(FollowUp.objects.filter(case=case).prefetch_related("complications"))
    return render(
        request,
        "outcomes/case.html",
        {
            "case": case,
            "items": items,
            "own": case.learner_id == request.user.pk,
            "today": timezone.localdate(),
            "policy": outcomes_policy().follow_ups,
        },
    )


@login_required
def case_calendar(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_follow_ups(_me(request), case_id)
    windows = {v.day: v.window_days for v in outcomes_policy().follow_ups.visits}
    visits = [
        (f.day, f.label, f.due_on, windows.get(f.day, 0))
        for f in FollowUp.objects.filter(case=case, status=FollowUpStatus.DUE)
    ]
    response = HttpResponse(
        follow_ups_ics(case.pk, visits, timezone.now()), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="follow-ups-case-{case.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def detail(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    item = get_follow_up_for_viewer(_me(request), follow_up_id)
    names = {c.id: c.name for c in load_knowledge().complications}
    scale = outcomes_policy().satisfaction
    context: dict[str, Any] = {
        "item": item,
        "case": item.case,
        "own": item.case.learner_id == request.user.pk,
        "complications": [
            {"name": names.get(c.complication, c.complication), "row": c}
            for c in item.complications.all()
        ],
        "scale_label": scale.label(item.satisfaction) if item.satisfaction else "",
        "photos": list(item.photos.all()),
        "triage": triage_for(item),
        "report": plan_report(item) if item.had_complication else None,
    }
    return render(request, "outcomes/detail.html", context)


@role_required(Role.LEARNER)
def record(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    user = _me(request)
    item = get_follow_up_for_clinician(user, follow_up_id)
    if request.method == "POST":
        form = FollowUpForm(request.POST, request.FILES)
        rows = ComplicationFormSet(request.POST, prefix="complications")
        if form.is_valid() and rows.is_valid():
            data = form.cleaned_data
            seen = data["seen"] == "yes"
            pairs = [(k, e) for k, r in enumerate(rows.forms) if (e := r.entry()) is not None]
            entries = [e for _, e in pairs]
            try:
                follow_up_record(
                    follow_up=item,
                    recorded_by=user,
                    seen=seen,
                    seen_on=data.get("seen_on"),
                    not_seen_reason=data.get("not_seen_reason") or "",
                    symptoms=list(data["symptoms"]),
                    satisfaction=data.get("satisfaction"),
                    notes=data.get("notes") or "",
                    complications=entries,
                    photos=[data["photo"]] if data.get("photo") else [],
                )
            except ValidationError as error:
                _attach(error, form, rows, [k for k, _ in pairs])
            else:
                messages.success(request, "Follow-up recorded.")
                return redirect("outcomes:follow_up", follow_up_id=item.pk)
    else:
        visit, complication_rows = initial_for(item)
        form = FollowUpForm(initial=visit)
        rows = ComplicationFormSet(initial=complication_rows, prefix="complications")
    return render(
        request,
        "outcomes/record.html",
        {
            "item": item,
            "case": item.case,
            "form": form,
            "rows": rows,
            "scale": outcomes_policy().satisfaction,
        },
        status=400 if request.method == "POST" else 200,
    )


def _attach(error: ValidationError, form: FollowUpForm, rows: Any, at: list[int]) -> None:
    """The service's field errors onto the forms that hold those fields (`at`: the form of
    each complication entry the service saw)."""
    for field, problems in error.message_dict.items():
        if field.startswith("complications-"):
            _, index, name = field.split("-", 2)
            for problem in problems:
                rows.forms[at[int(index)]].add_error(name, problem)
        else:
            for problem in problems:
                form.add_error(
                    None if field == "__all__" or field not in form.fields else field, problem
                )


@login_required
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    item = get_photo_for_viewer(_me(request), photo_id)
    with item.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = (
        f'inline; filename="follow-up-{item.follow_up_id}-{item.pk}.jpg"'
    )
    return response
