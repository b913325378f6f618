"""The trainer's run view (who is behind, item statistics, flags, score chart) and the course's
module mapping for academy admins."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog.models import EnrolmentStatus
from academy.core import learner_cache
from academy.learning import access, charts, content
from academy.learning.models import CourseModule, PassStandard
from academy.learning.progress import progress_for
from academy.learning.statistics import run_statistics
from threadlift.content.stats import thresholds


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_safe
@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def trainer_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_for_trainer(_user(request), run_id)
    enrolments = list(
        run.enrolments.filter(status=EnrolmentStatus.ENROLLED)
        .select_related("learner")
        .order_by("learner__full_name", "learner__email")
    )
    progress = progress_for(run, [e.learner_id for e in enrolments])
    learners = [(e.learner, progress[e.learner_id]) for e in enrolments]
    learners.sort(key=lambda pair: pair[1].passed_count)  # who is behind first
    stats = run_statistics(run)
    pass_marks = {v.id: v.settings.pass_mark for v in content.modules_for_course(run.course)}
    modules = [
        {
            "s": s,
            "chart": mark_safe(
                charts.histogram(s.percents, f"Scores, {s.title}", pass_marks.get(s.module_id))
            ),
            "bins": charts.bins(s.percents),
        }
        for s in stats
    ]
    return render(
        request,
        "learning/trainer.html",
        {
            "run": run,
            "learners": learners,
            "views": content.modules_for_course(run.course),
            "modules": modules,
            "limits": thresholds(),
        },
    )


class ModuleRowForm(forms.Form):
    module_id = forms.CharField(widget=forms.HiddenInput)
    used = forms.BooleanField(required=False, label="Use this module")
    position = forms.IntegerField(min_value=1, max_value=7)
    standard = forms.ChoiceField(choices=PassStandard.choices, label="Pass mark set by")
    pass_mark = forms.IntegerField(
        min_value=1, max_value=100, label="Fixed pass mark (%, our policy)"
    )
    time_limit_minutes = forms.IntegerField(
        min_value=1, max_value=600, required=False, label="Time limit (minutes)"
    )
    attempt_limit = forms.IntegerField(
        min_value=1, max_value=100, required=False, label="Exam attempts at most"
    )
    cooldown_hours = forms.IntegerField(
        min_value=1, max_value=720, required=False, label="Hours between exam attempts"
    )


ModuleFormSet = forms.formset_factory(ModuleRowForm, extra=0)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ACADEMY_ADMIN)
def course_modules(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for_mapping(_user(request), course_id)
    current = {v.id: v.settings for v in content.modules_for_course(course)}
    mapped = CourseModule.objects.filter(course=course).exists()
    initial = []
    for module in content.curriculum().modules:
        s = current.get(module.id)
        initial.append(
            {
                "module_id": module.id,
                "used": s is not None,
                "position": s.position if s else module.order,
                "standard": s.standard if s else PassStandard.FIXED,
                "pass_mark": s.pass_mark if s else 70,
                "time_limit_minutes": s.time_limit_minutes if s else None,
                "attempt_limit": s.attempt_limit if s else None,
                "cooldown_hours": s.cooldown_hours if s else None,
            }
        )
    titles = {m.id: m.title for m in content.curriculum().modules}
    formset = ModuleFormSet(request.POST or None, initial=initial)
    status, problem = 200, ""
    if request.method == "POST":
        if formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("used")]
            if not rows:
                problem = "Choose at least one module."
            elif any(r["module_id"] not in titles for r in rows):
                problem = "Unknown module."
            else:
                with transaction.atomic():  # the academy's blueprints are kept
                    kept = dict(
                        CourseModule.objects.filter(course=course).values_list(
                            "module_id", "blueprint"
                        )
                    )
                    CourseModule.objects.filter(course=course).delete()
                    CourseModule.objects.bulk_create(
                        CourseModule(
                            course=course,
                            blueprint=kept.get(r["module_id"]),
                            **{k: v for k, v in r.items() if k != "used"},
                        )
                        for r in rows
                    )
                    # bulk_create sends no signal, and a first mapping deletes no row
                    learner_cache.content_changed()
                messages.success(request, "The course's modules are saved.")
                return redirect("learning:course_modules", course.pk)
        status = 400
    forms_with_titles = [
        (f, titles.get(f["module_id"].value(), "?"), f["module_id"].value()) for f in formset.forms
    ]
    return render(
        request,
        "learning/course_modules.html",
        {
            "course": course,
            "formset": formset,
            "rows": forms_with_titles,
            "mapped": mapped,
            "problem": problem,
        },
        status=status,
    )


@require_safe
@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def teaching(request: HttpRequest) -> HttpResponse:
    runs = access.watched_runs(_user(request))
    return render(request, "learning/teaching.html", {"runs": runs})
