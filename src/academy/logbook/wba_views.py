"""Workplace-based assessment pages: the learner's list and request form, the trainer's
completion form, the external assessor's form (no log-in: the signed link is the credential,
rate-limited per client address), the academy admin's confirmation of external assessors."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.models import CourseRun
from academy.core.ratelimit import over_limit
from academy.logbook.access import cases_visible_to
from academy.logbook.signing import SignatureForm
from academy.logbook.wba_access import (
    get_wba_for_assessor,
    get_wba_for_confirming_admin,
    get_wba_for_sender,
    get_wba_for_viewer,
    my_wba,
    wba_to_confirm,
)
from academy.logbook.wba_forms import AssessorForm, WbaRatingForm, WbaRequestForm
from academy.logbook.wba_models import WbaAssessment
from academy.logbook.wba_services import (
    External,
    LinkProblem,
    WbaError,
    wba_complete,
    wba_confirm,
    wba_external_complete,
    wba_link_open,
    wba_link_resend,
    wba_request,
)
from threadlift.wba import load_forms

# Our policy, as the volunteer form's: 10 posts per address per hour.
EXTERNAL_LIMIT = 10
EXTERNAL_WINDOW_SECONDS = 3600


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _spec_context(kind: str) -> dict[str, object]:
    catalogue = load_forms()
    spec = catalogue.form(kind)
    return {"spec": spec, "scale": catalogue.scale_of(spec)}


@role_required(Role.LEARNER)
def wba_list(request: HttpRequest) -> HttpResponse:
    rows = list(my_wba(_me(request)).order_by("-requested_at", "-id")[:200])
    return render(request, "logbook/wba_list.html", {"rows": rows, "forms": load_forms().forms})


@role_required(Role.LEARNER)
def wba_request_view(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    cases = cases_visible_to(user).filter(learner=user).select_related("run__course")
    runs = CourseRun.objects.filter(
        pk__in=policy.enrolments_for_learner(user).values("run_id")
    ).select_related("course")
    initial = {"case": request.GET.get("case", ""), "kind": request.GET.get("kind", "")}
    form = WbaRequestForm(request.POST or None, initial=initial, cases=cases, runs=runs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        external = None
        if data["who"] == "external":
            external = External(name=data["assessor_name"], email=data["assessor_email"])
        try:
            wba_request(
                learner=user,
                requested_by=user,
                kind=data["kind"],
                run=data["run"],
                case=data["case"],
                now=timezone.now(),
                trainer=data["trainer"] if data["who"] == "trainer" else None,
                external=external,
                link_url=_link_url(request),
            )
        except WbaError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Assessment requested.")
            return redirect("logbook:wba_list")
    return render(
        request,
        "logbook/wba_request.html",
        {"form": form, "forms": load_forms().forms},
        status=400 if request.method == "POST" else 200,
    )


def _link_url(request: HttpRequest) -> Callable[[str], str]:
    return lambda token: request.build_absolute_uri(reverse("logbook:wba_external", args=[token]))


@login_required
def wba_detail(request: HttpRequest, wba_id: int) -> HttpResponse:
    user = _me(request)
    assessment = get_wba_for_viewer(user, wba_id)
    context = _detail(assessment)
    context["may_resend"] = (
        assessment.status == "requested"
        and bool(assessment.assessor_email)
        and (
            assessment.learner_id == user.pk
            or policy.administers_academy(user, assessment.run.course.provider_id)
        )
    )
    return private(render(request, "logbook/wba_detail.html", context))


@require_POST
@login_required
def wba_resend(request: HttpRequest, wba_id: int) -> HttpResponse:
    """The learner or an admin of the academy sends the external assessor a new link."""
    user = _me(request)
    assessment = get_wba_for_sender(user, wba_id)
    wba_link_resend(assessment=assessment, by=user, now=timezone.now(), link_url=_link_url(request))
    messages.success(request, f"A new link is on its way to {assessment.assessor_email}.")
    return redirect("logbook:wba", wba_id=assessment.pk)


def _detail(assessment: WbaAssessment) -> dict[str, object]:
    context = _spec_context(assessment.kind)
    spec, scale = context["spec"], context["scale"]
    labels = {str(p.value): f"{p.value} — {p.label}" for p in scale.points}  # type: ignore[attr-defined]
    rows = [
        (d, labels.get(str(assessment.ratings.get(d.id, "")), scale.not_observed))  # type: ignore[attr-defined]
        for d in spec.domains  # type: ignore[attr-defined]
    ]
    return {**context, "a": assessment, "rows": rows}


@role_required(Role.TRAINER)
def wba_complete_view(request: HttpRequest, wba_id: int) -> HttpResponse:
    user = _me(request)
    assessment = get_wba_for_assessor(user, wba_id)
    context = _spec_context(assessment.kind)
    data = request.POST if request.method == "POST" else None
    form = WbaRatingForm(data, spec=context["spec"])  # type: ignore[arg-type]
    signature = SignatureForm(data, signer=user, prefix="sign")
    if data is not None and form.is_valid() and signature.is_valid():
        assert signature.method is not None
        wba_complete(
            assessment=assessment,
            assessor=user,
            method=signature.method,
            ratings=form.ratings(),
            data=form.cleaned_data,
            now=timezone.now(),
        )
        messages.success(request, "Assessment completed and signed.")
        return redirect("logbook:wba", wba_id=assessment.pk)
    return render(
        request,
        "logbook/wba_complete.html",
        {**context, "a": assessment, "form": form, "signature": signature},
        status=400 if data is not None else 200,
    )


LINK_PAGES = {"invalid": 404, "used": 410, "expired": 410}


def wba_external(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the external assessor's form, opened by a single-use signed link."""
    now = timezone.now()
    if request.method == "POST" and over_limit(
        request, "wba-external", limit=EXTERNAL_LIMIT, window=EXTERNAL_WINDOW_SECONDS
    ):
        response = render(request, "logbook/wba_limited.html", status=429)
        response["Retry-After"] = str(EXTERNAL_WINDOW_SECONDS)
        return private(response)
    try:
        assessment = wba_link_open(token=token, now=now)
    except LinkProblem as exc:
        return _link_problem(request, exc.reason)
    context = _spec_context(assessment.kind)
    spec = context["spec"]
    data = request.POST if request.method == "POST" else None
    patient = spec.assessor == "patient"  # type: ignore[attr-defined]
    who = AssessorForm(data, patient=patient)
    form = WbaRatingForm(data, spec=spec)  # type: ignore[arg-type]
    if data is not None and who.is_valid() and form.is_valid():
        try:
            wba_external_complete(
                token=token,
                ratings=form.ratings(),
                data={**form.cleaned_data, **who.cleaned_data},
                now=now,
            )
        except LinkProblem as exc:
            return _link_problem(request, exc.reason)
        return private(render(request, "logbook/wba_external_done.html", {"a": assessment}))
    return private(
        render(
            request,
            "logbook/wba_external.html",
            {**context, "a": assessment, "who": who, "form": form},
            status=400 if data is not None else 200,
        )
    )


def _link_problem(request: HttpRequest, reason: str) -> HttpResponse:
    return private(
        render(
            request, "logbook/wba_link_problem.html", {"reason": reason}, status=LINK_PAGES[reason]
        )
    )


@role_required(Role.ACADEMY_ADMIN)
def wba_confirm_list(request: HttpRequest) -> HttpResponse:
    rows = list(wba_to_confirm(_me(request)).order_by("completed_at", "id")[:200])
    return private(render(request, "logbook/wba_confirm_list.html", {"rows": rows}))


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def wba_confirm_view(request: HttpRequest, wba_id: int) -> HttpResponse:
    user = _me(request)
    assessment = get_wba_for_confirming_admin(user, wba_id)
    if request.POST.get("checked") != "yes":
        messages.error(request, "Tick the box once you have checked the assessor's registration.")
        return redirect("logbook:wba", wba_id=assessment.pk)
    try:
        wba_confirm(assessment=assessment, admin=user, now=timezone.now())
        messages.success(request, f"Assessor {assessment.assessor_name} confirmed.")
    except WbaError as exc:
        messages.error(request, str(exc))
    return redirect("logbook:wba_confirm_list")
