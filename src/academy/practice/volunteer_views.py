"""Volunteer models: the public application form, and the academy's view of applications.

Pages that show a model's personal data are `Cache-Control: private, no-store`."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.practice import access, privacy, volunteers
from academy.practice.access import TEACHING_ROLES
from academy.practice.forms import AftercareForm, DecisionForm, RetentionForm, VolunteerForm
from academy.practice.models import PracticeSettings
from academy.practice.ratelimit import VOLUNTEER_LIMIT, VOLUNTEER_WINDOW_SECONDS, over_limit
from academy.practice.services import PracticeError
from threadlift.knowledge import load_knowledge


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def apply(request: HttpRequest, session_id: int) -> HttpResponse:
    """Public: anyone may apply to be a model for an upcoming session (CSRF and a rate limit)."""
    session = access.get_open_session_for_volunteers(session_id, today=timezone.localdate())
    kb = load_knowledge()
    form = VolunteerForm(request.POST or None, kb=kb)
    if request.method == "POST":
        if over_limit(request, "volunteer", limit=VOLUNTEER_LIMIT, window=VOLUNTEER_WINDOW_SECONDS):
            response = render(request, "practice/volunteer_limited.html", status=429)
            response["Retry-After"] = str(VOLUNTEER_WINDOW_SECONDS)
            return private(response)
        if form.is_valid() and form.profile is not None:
            data = form.cleaned_data
            volunteers.application_create(
                session_id=session.pk,
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                profile=form.profile,
                kb=kb,
                now=timezone.now(),
            )
            return private(render(request, "practice/volunteer_done.html", {"session": session}))
    return private(
        render(
            request,
            "practice/volunteer_form.html",
            {
                "form": form,
                "session": session,
                "retention_days": privacy.retention_days(session.run.course.provider_id),
            },
        )
    )


@role_required(*TEACHING_ROLES)
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    found = access.get_application_for_teacher(_user(request), application_id)
    kb = load_knowledge()
    indications = [(i.id, i.name) for i in kb.indications]
    context = {
        "a": found.application,
        "manage": found.manage,
        "session": found.application.session,
        "decision_form": DecisionForm(),
        "aftercare_form": AftercareForm(
            initial={"treated_on": found.application.session.date}, indications=indications
        ),
        "events": found.application.data_events.all(),
    }
    return private(render(request, "practice/application.html", context))


def _act(request: HttpRequest, application_id: int, action: str) -> HttpResponse:
    user = _user(request)
    app = access.get_application_for_admin(user, application_id)
    kb = load_knowledge()
    now = timezone.now()
    try:
        if action == "accept":
            form = DecisionForm(request.POST)
            slot = form.cleaned_data.get("slot") if form.is_valid() else None
            if not form.is_valid():
                raise PracticeError("slot", "Give a slot number, or leave it blank.")
            volunteers.application_accept(application_id=app.pk, by=user, kb=kb, now=now, slot=slot)
            messages.success(request, "Accepted. The pre-treatment instructions are on their way.")
        elif action == "decline":
            volunteers.application_decline(application_id=app.pk, by=user, now=now)
            messages.success(request, "Declined. The applicant is told by e-mail.")
        else:
            indications = [(i.id, i.name) for i in kb.indications]
            after = AftercareForm(request.POST, indications=indications)
            if not after.is_valid():
                raise PracticeError("aftercare", "Give the treatment date and the area treated.")
            volunteers.application_send_aftercare(
                application=app,
                treated_on=after.cleaned_data["treated_on"],
                indication=after.cleaned_data["indication"],
                kb=kb,
                now=now,
            )
            messages.success(request, "The aftercare sheet is on its way by e-mail.")
    except PracticeError as exc:
        messages.error(request, exc.message)
    return redirect("practice:application", application_id=app.pk)


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def accept(request: HttpRequest, application_id: int) -> HttpResponse:
    return _act(request, application_id, "accept")


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def decline(request: HttpRequest, application_id: int) -> HttpResponse:
    return _act(request, application_id, "decline")


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def send_aftercare(request: HttpRequest, application_id: int) -> HttpResponse:
    return _act(request, application_id, "aftercare")


@role_required(Role.ACADEMY_ADMIN)
def export(request: HttpRequest, application_id: int) -> HttpResponse:
    app = access.get_application_for_admin(_user(request), application_id)
    data = privacy.application_export(application=app, by=_user(request))
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="volunteer-{app.pk}.json"'
    return private(response)


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def erase(request: HttpRequest, application_id: int) -> HttpResponse:
    app = access.get_application_for_admin(_user(request), application_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm the erasure.")
    else:
        privacy.application_erase(application=app, by=_user(request), now=timezone.now())
        messages.success(
            request, "The model's personal data is erased; the record stays as erased."
        )
    return redirect("practice:application", application_id=app.pk)


@role_required(Role.ACADEMY_ADMIN)
def retention(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = policy.get_provider_for_admin(_user(request), provider_id)
    current, _ = PracticeSettings.objects.get_or_create(provider=provider)
    form = RetentionForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Retention saved.")
        return redirect("practice:teach")
    return render(request, "practice/retention.html", {"form": form, "provider": provider})
