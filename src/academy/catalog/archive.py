"""Archiving courses and runs: they are kept for the record (enrolments, history) and hidden
from the catalog, never deleted. Deleting one with learners is refused by the database (PROTECT).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog.access import get_course_for_admin, get_run_for_admin
from academy.catalog.models import Course, CourseRun


def course_set_archived(*, course: Course, archived: bool) -> Course:
    """Archive a course with its runs (their own flags stay, so restoring brings them back)."""
    course.archived = archived
    course.save(update_fields=["archived"])
    return course


def run_set_archived(*, run: CourseRun, archived: bool) -> CourseRun:
    run.archived = archived
    run.save(update_fields=["archived"])
    return run


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def course_archive(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_admin(_user(request), course_id)
    archived = request.POST.get("archived") == "on"
    course_set_archived(course=course, archived=archived)
    state = "archived: hidden from the catalog, kept for the record" if archived else "restored"
    messages.success(request, f"“{course.title}” is {state}.")
    return redirect("catalog:provider_home")


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def run_archive(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run_for_admin(_user(request), run_id)
    archived = request.POST.get("archived") == "on"
    run_set_archived(run=run, archived=archived)
    messages.success(
        request,
        "Run archived: hidden from the catalog, kept for the record."
        if archived
        else "Run restored.",
    )
    return redirect("catalog:provider_home")
