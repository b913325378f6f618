"""Trainers' and admins' pages: DOPS requests and assessment, case sign-off, the queue, each
learner's logbook and competency, the course's practice rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.catalog.access import get_course_for_admin
from academy.core import learner_cache
from academy.logbook.access import (
    can_sign_off_competency,
    courses_of_learner_for_viewer,
    get_case_for_learner,
    get_case_for_viewer,
    get_dops_for_trainer,
    get_dops_for_viewer,
    get_learner_logbook,
    is_trainer_of,
    trainer_runs,
)
from academy.logbook.competency import progress_for
from academy.logbook.forms import DopsForm, DopsRequestForm, RuleFormSet
from academy.logbook.models import Case, Dops
from academy.logbook.services import (
    DopsAlreadyRequested,
    case_countersign,
    competency_rules_save,
    competency_sign_off,
    dops_request,
    dops_sign,
)
from academy.logbook.signing import SignatureForm
from academy.logbook.vocab import DOPS_DOMAINS, OSCORE_SCALE, DopsStatus
from academy.logbook.workspace import learner_summaries


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_POST
@role_required(Role.LEARNER)
def dops_request_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_learner(_me(request), case_id)
    form = DopsRequestForm(request.POST, case=case)
    if form.is_valid():
        try:
            dops_request(case=case, trainer=form.cleaned_data["trainer"])
            messages.success(request, f"DOPS requested from {form.cleaned_data['trainer']}.")
        except DopsAlreadyRequested as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Choose one of the run's trainers.")
    return redirect("logbook:case", case_id=case.pk)


@login_required
def dops_detail(request: HttpRequest, dops_id: int) -> HttpResponse:
    user = _me(request)
    dops = get_dops_for_viewer(user, dops_id)
    if dops.status == DopsStatus.REQUESTED and is_trainer_of(user, dops.case.run):
        return _assess(request, user, get_dops_for_trainer(user, dops_id))
    labels = dict(OSCORE_SCALE)
    rows = [(label, labels.get(dops.ratings.get(key, ""), "—")) for key, label in DOPS_DOMAINS]
    return render(request, "logbook/dops.html", {"dops": dops, "rows": rows})


def _assess(request: HttpRequest, user: User, dops: Dops) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = DopsForm(data, prefix="dops")
    signature = SignatureForm(data, signer=user, prefix="sign")
    if data is not None and form.is_valid() and signature.is_valid():
        assert signature.method is not None
        dops_sign(dops=dops, signer=user, method=signature.method, form=form, now=timezone.now())
        messages.success(request, "DOPS signed. The case is signed and now read-only.")
        return redirect("logbook:dops", dops_id=dops.pk)
    return render(
        request,
        "logbook/dops_form.html",
        {"dops": dops, "case": dops.case, "form": form, "signature": signature},
        status=400 if data is not None else 200,
    )


@require_POST
@role_required(Role.TRAINER)
def case_sign(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _me(request)
    case = get_case_for_viewer(user, case_id)
    if not is_trainer_of(user, case.run):
        raise PermissionDenied("Only a trainer of the case's run signs it.")
    signature = SignatureForm(request.POST, signer=user, prefix="sign")
    if signature.is_valid():
        case_countersign(case=case, signer=user)
        messages.success(request, "Case signed.")
    else:
        messages.error(
            request, "Not signed: " + " ".join(str(e) for e in signature.errors.get("secret", []))
        )
    return redirect("logbook:case", case_id=case.pk)


@role_required(Role.TRAINER)
def queue(request: HttpRequest) -> HttpResponse:
    runs = trainer_runs(_me(request))
    requests = list(
        Dops.objects.filter(case__run__in=runs, status=DopsStatus.REQUESTED)
        .select_related("case", "case__learner", "case__run__course", "trainer")
        .order_by("requested_at")[:200]
    )
    unsigned = list(
        Case.objects.filter(run__in=runs, signed_at__isnull=True)
        .select_related("learner", "run__course")
        .order_by("date", "id")[:200]
    )
    return render(request, "logbook/queue.html", {"requests": requests, "unsigned": unsigned})


@role_required(Role.LEARNER)
def mine(request: HttpRequest) -> HttpResponse:
    """The learner's own logbook: its body is the same whoever asks for it (no form, no token),
    so it is kept as a fragment under the learner's generation (core/learner_cache.py)."""
    user = _me(request)

    def build() -> str:
        return render_to_string("logbook/_logbook_body.html", _logbook_context(user, user.pk))

    body = learner_cache.fragment("logbook/mine", user.pk, build=build)
    return render(request, "logbook/logbook.html", {"person": user, "body": body})


@login_required
def learner(request: HttpRequest, learner_id: int) -> HttpResponse:
    return render(request, "logbook/logbook.html", _logbook_context(_me(request), learner_id))


def _logbook_context(user: User, learner_id: int) -> dict[str, Any]:
    person, cases = get_learner_logbook(user, learner_id)
    courses = list(courses_of_learner_for_viewer(user, person))
    progress = progress_for(person, courses)
    summaries = learner_summaries(list(cases.prefetch_related("dops")))
    signable = {c.pk for c in courses if can_sign_off_competency(user, person, c)}
    return {
        "person": person,
        "own": person.pk == user.pk,
        "cases": summaries,
        "progress": progress,
        "signable": signable,
        "sign_form": SignatureForm(signer=user, prefix="sign") if signable else None,
    }


@require_POST
@role_required(Role.TRAINER)
def competency_sign(request: HttpRequest, learner_id: int, course_id: int) -> HttpResponse:
    user = _me(request)
    person, _cases = get_learner_logbook(user, learner_id)
    course = get_object_or_404(courses_of_learner_for_viewer(user, person), pk=course_id)
    (progress,) = progress_for(person, [course])
    signature = SignatureForm(request.POST, signer=user, prefix="sign")
    if not progress.all_met:
        messages.error(request, "Not every practice rule of this course is met yet.")
    elif not signature.is_valid():
        messages.error(
            request, "Not signed: " + " ".join(str(e) for e in signature.errors.get("secret", []))
        )
    elif progress.signoff is None:
        assert signature.method is not None
        evidence = {str(r.rule.pk): [r.text, r.done, r.trainers_done] for r in progress.rules}
        competency_sign_off(
            learner=person,
            course=course,
            signer=user,
            method=signature.method,
            evidence=evidence,
            now=timezone.now(),
        )
        messages.success(request, f"Competency signed off for {course.title}.")
    return redirect("logbook:learner", learner_id=person.pk)


@role_required(Role.ACADEMY_ADMIN)
def rules(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_admin(_me(request), course_id)
    formset = RuleFormSet(request.POST or None, instance=course, prefix="rules")
    if request.method == "POST" and formset.is_valid():
        competency_rules_save(formset=formset)
        messages.success(request, "Practice rules saved.")
        return redirect("logbook:rules", course_id=course.pk)
    return render(
        request,
        "logbook/rules.html",
        {"course": course, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
