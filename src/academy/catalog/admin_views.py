"""Provider admin pages: an academy admin manages their own provider's courses and runs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog import services
from academy.catalog.access import (
    get_course_for_admin,
    get_provider_for_admin,
    get_run_for_admin,
    providers_for_admin,
)
from academy.catalog.forms import AccreditationFormSet, CourseForm, RunForm
from academy.catalog.models import Course, CourseRun, Enrolment
from academy.catalog.notify import run_url

ROSTER_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(Role.ACADEMY_ADMIN)
def provider_home(request: HttpRequest) -> HttpResponse:
    # Archived courses and runs are hidden unless asked for (?archived=1).
    show_archived = request.GET.get("archived") == "1"
    courses = Course.objects.order_by("title")
    runs = CourseRun.objects.order_by("starts_on", "id")
    if not show_archived:
        courses, runs = courses.filter(archived=False), runs.filter(archived=False)
    providers = providers_for_admin(_user(request)).prefetch_related(
        Prefetch("courses", queryset=courses), Prefetch("courses__runs", queryset=runs)
    )
    return render(
        request,
        "catalog/admin/home.html",
        {"providers": providers, "now": timezone.now(), "show_archived": show_archived},
    )


@role_required(Role.ACADEMY_ADMIN)
def course_create(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_admin(_user(request), provider_id)
    return _course_form(request, Course(provider=provider))


@role_required(Role.ACADEMY_ADMIN)
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    return _course_form(request, get_course_for_admin(_user(request), course_id))


def _course_form(request: HttpRequest, course: Course) -> HttpResponse:
    form = CourseForm(request.POST or None, instance=course)
    formset = AccreditationFormSet(request.POST or None, instance=course, prefix="acc")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            services.course_save(course=form.save(commit=False), accreditations=formset)
        messages.success(request, f"Course “{course.title}” saved.")
        return redirect("catalog:provider_home")
    return render(
        request,
        "catalog/admin/course_form.html",
        {"form": form, "formset": formset, "course": course},
    )


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def course_publish(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_admin(_user(request), course_id)
    publish = request.POST.get("published") == "on"
    services.course_set_published(course=course, published=publish)
    messages.success(request, f"“{course.title}” is {'published' if publish else 'unpublished'}.")
    return redirect("catalog:provider_home")


@role_required(Role.ACADEMY_ADMIN)
def run_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_admin(_user(request), course_id)
    return _run_form(request, CourseRun(course=course))


@role_required(Role.ACADEMY_ADMIN)
def run_edit(request: HttpRequest, run_id: int) -> HttpResponse:
    return _run_form(request, get_run_for_admin(_user(request), run_id))


def _run_form(request: HttpRequest, run: CourseRun) -> HttpResponse:
    form = RunForm(request.POST or None, instance=run)
    if request.method == "POST" and form.is_valid():
        try:
            services.run_save(
                run=form.save(commit=False),
                trainers=list(form.cleaned_data["trainers"]),
                # a new run has nobody waiting; an edited one may promote its waitlist
                run_url=run_url(request, run.pk) if run.pk else "",
                today=timezone.localdate(),
            )
        except ValidationError as exc:  # seats checked again under the run lock
            form.add_error(None, exc)
        else:
            messages.success(request, "Run saved.")
            return redirect("catalog:provider_home")
    return render(request, "catalog/admin/run_form.html", {"form": form, "run": run})


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def run_publish(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run_for_admin(_user(request), run_id)
    publish = request.POST.get("published") == "on"
    learners = services.run_learners(run)
    if not publish and learners and request.POST.get("confirm") != "yes":
        return render(
            request,
            "catalog/admin/run_confirm.html",
            {"run": run, "learners": learners, "action": "unpublish"},
        )
    services.run_set_published(run=run, published=publish)
    if publish:
        messages.success(request, "Run published.")
    elif learners:
        messages.warning(
            request,
            f"Run unpublished. The {len(learners)} learner(s) on it keep their place and their "
            "link to the run page; cancel the run if it will not take place.",
        )
    else:
        messages.success(request, "Run unpublished.")
    return redirect("catalog:provider_home")


@role_required(Role.ACADEMY_ADMIN)
def run_cancel(request: HttpRequest, run_id: int) -> HttpResponse:
    """GET asks for confirmation (who will be told); POST with confirm=yes cancels."""
    run = get_run_for_admin(_user(request), run_id)
    if run.cancelled:
        messages.info(request, "This run is already cancelled.")
        return redirect("catalog:provider_home")
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(
            request,
            "catalog/admin/run_confirm.html",
            {"run": run, "learners": services.run_learners(run), "action": "cancel"},
        )
    services.run_cancel(run_id=run.pk, now=timezone.now(), run_url=run_url(request, run.pk))
    messages.success(request, "Run cancelled. Everyone enrolled or waiting is told by e-mail.")
    return redirect("catalog:provider_home")


@role_required(Role.ACADEMY_ADMIN)
def roster(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run_for_admin(_user(request), run_id)
    enrolments = Enrolment.objects.filter(run=run).select_related("learner", "learner__profile")
    page = Paginator(enrolments, ROSTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/admin/roster.html", {"run": run, "page": page})
