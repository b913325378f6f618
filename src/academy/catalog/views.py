"""Public catalog pages and learner enrolment. Provider admin pages are in admin_views.py."""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from academy.accounts.access import get_profile_for_user, login_required_back_to
from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.verification import open_request_for
from academy.catalog import caching, declarations, selectors, services
from academy.catalog.access import get_enrolment_for_learner, get_public_run
from academy.catalog.compare import comparison
from academy.catalog.forms import CatalogFilterForm, ids_in_range
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.catalog.notify import run_url
from academy.core.cache import CATALOG, shared_page


def _profile(request: HttpRequest) -> PractitionerProfile | None:
    user = request.user
    return get_profile_for_user(user) if isinstance(user, User) else None


@shared_page(
    generation_of=CATALOG, key_parts=caching.page_key_parts, timeout=caching.CATALOG_SECONDS
)
def catalog_list(request: HttpRequest) -> HttpResponse:
    # Lazy: the profile, the form, the queries and the rows are read only when the page's body
    # is not in the cache already (see the {% cache %} block in catalog/list.html).
    viewer_profile = cache(partial(_profile, request))
    profile = SimpleLazyObject(viewer_profile)
    body = SimpleLazyObject(lambda: _catalog_body(request, viewer_profile()))
    return render(
        request,
        "catalog/list.html",
        {
            "form": SimpleLazyObject(lambda: body["form"]),
            "page": SimpleLazyObject(lambda: body["page"]),
            "rows": SimpleLazyObject(lambda: body["rows"]),
            "query": SimpleLazyObject(lambda: body["query"]),
            "profile": profile,
            "cache_seconds": caching.CATALOG_SECONDS,
            "body_key": caching.fragment_key(request),
        },
    )


def _catalog_body(request: HttpRequest, profile: PractitionerProfile | None) -> dict[str, Any]:
    form = CatalogFilterForm(request.GET or None, **caching.filter_options())
    filters = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    runs = selectors.catalog_runs(filters, profile=profile, now=now).for_catalog()
    page = Paginator(runs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "rows": selectors.rows_for(list(page.object_list), profile=profile, now=now),
    }


def compare(request: HttpRequest) -> HttpResponse:
    ids = list(dict.fromkeys(ids_in_range(request.GET.getlist("run")) or []))
    runs = selectors.runs_for_compare(ids[:4])
    error = None
    if len(ids) > 4:
        error = "Compare at most four runs at a time; the first four are shown."
    elif len(runs) < 2:
        error = "Choose two to four runs in the catalog to compare them."
    profile = _profile(request)
    rows = comparison(runs, profile=profile, now=timezone.now()) if len(runs) >= 2 else []
    return render(
        request,
        "catalog/compare.html",
        {
            "runs": runs,
            "rows": rows,
            "error": error,
            "profile": profile,
        },
        status=200,
    )


def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.public_run(request.user, run_id)
    profile = _profile(request)
    now = timezone.now()
    enrolment = None
    if isinstance(request.user, User):
        enrolment = (
            Enrolment.objects.filter(run=run, learner=request.user)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .first()
        )
    decision = selectors.run_decision(profile, run)
    unverified = bool(
        decision and any(r.code == "registration_unverified" for r in decision.reasons)
    )
    return render(
        request,
        "catalog/run.html",
        {
            "run": run,
            "course": run.course,
            "state": run.state(now),
            "profile": profile,
            "decision": decision,
            "enrolment": enrolment,
            "needs_verification": unverified,
            "verification_waiting": (
                open_request_for(profile) if unverified and profile is not None else None
            ),
            **declarations.disclosure_context(run, today=now.date()),
        },
    )


def course_detail(request: HttpRequest, provider_slug: str, course_slug: str) -> HttpResponse:
    course = selectors.public_course(provider_slug, course_slug)
    now = timezone.now()
    runs = selectors.course_runs(course, now=now)
    profile = _profile(request)
    return render(
        request,
        "catalog/course.html",
        {
            "course": course,
            "profile": profile,
            "decision": selectors.course_decision(profile, course),
            "rows": selectors.rows_for(runs, profile=profile, now=now),
        },
    )


def provider_detail(request: HttpRequest, provider_slug: str) -> HttpResponse:
    provider = selectors.public_provider(provider_slug)
    courses = selectors.provider_courses(provider)
    return render(request, "catalog/provider.html", {"provider": provider, "courses": courses})


def trainer_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    trainer = get_object_or_404(
        User.objects.select_related("trainer_profile"), pk=user_id, groups__name=Role.TRAINER.value
    )
    if not hasattr(trainer, "trainer_profile"):
        raise Http404("This trainer has no public profile yet.")
    runs = (
        CourseRun.objects.published()
        .filter(trainers=trainer, ends_on__gte=timezone.now().date())
        .select_related("course", "course__provider")
    )
    return render(request, "catalog/trainer.html", {"trainer": trainer, "runs": runs})


@require_POST
@login_required_back_to("catalog:run", "run_id")
def enrol(request: HttpRequest, run_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    run = get_public_run(run_id)
    try:
        enrolment = services.enrolment_create(
            run_id=run.pk, learner=user, now=timezone.now(), run_url=run_url(request, run.pk)
        )
    except services.EnrolmentError as exc:
        messages.error(request, f"You could not be enrolled: {exc.message}")
        return redirect("catalog:run", run_id=run.pk)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        messages.success(request, f"You are enrolled on {run.course.title}.")
    else:
        messages.success(
            request,
            "The run is full: you are on the waitlist and will be "
            "enrolled automatically, in order, if a seat frees up.",
        )
    return redirect("catalog:run", run_id=run.pk)


@require_POST
@login_required_back_to("core:dashboard")
def cancel_enrolment(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    enrolment = get_enrolment_for_learner(user, enrolment_id)
    try:
        services.enrolment_cancel(
            enrolment_id=enrolment.pk,
            learner=user,
            now=timezone.now(),
            run_url=run_url(request, enrolment.run_id),
        )
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your place was cancelled.")
    return redirect("catalog:run", run_id=enrolment.run_id)
