"""Pages of an academy's own content under /academy/content/ (thin: access, forms, services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from academy.accounts.access import role_required
from academy.accounts.models import User
from academy.authoring import forms as f
from academy.authoring import preview as pv
from academy.authoring.access import (
    AUTHOR_ROLES,
    get_item_for_author,
    get_provider_for_author,
    model_of,
    providers_for_author,
    references_of,
)
from academy.authoring.models import MODELS, AuthoredItem, Status
from academy.authoring.services import Submission, check, item_submit, reference_add
from threadlift.content import DATA_DIR, Module, load_content
from threadlift.content.authored import STATED_REFERENCE_LABEL
from threadlift.knowledge import load_knowledge

KIND_LABELS = {"question": "Questions", "lesson": "Lessons", "case": "Cases"}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(*AUTHOR_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    providers = list(providers_for_author(_user(request)))
    return render(request, "authoring/index.html", {"providers": providers})


def overdue_modules(today: dt.date) -> list[Module]:
    return [m for m in load_content(load_knowledge()).modules if m.review_by < today]


@role_required(*AUTHOR_ROLES)
def provider_content(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_author(_user(request), provider_id)
    fields = ["id", "slug", "module_id", "title", "status", "problems", "updated_at"]
    sections = [
        (
            kind,
            KIND_LABELS[kind],
            list(
                model.objects.filter(provider=provider).only(
                    *fields, *(["reviewed", "review_by"] if kind == "lesson" else [])
                )
            ),
        )
        for kind, model in MODELS.items()
    ]
    context = {
        "provider": provider,
        "sections": sections,
        "references": references_of(provider),
        "today": timezone.localdate(),
        # Curriculum modules past their review date, flagged to the academy that teaches them.
        "overdue_modules": overdue_modules(timezone.localdate()),
    }
    return render(request, "authoring/provider.html", context)


def _form_class(kind: str, advanced: bool) -> type[f.ItemForm]:
    if advanced or kind == "case":
        return f.SourceForm
    return f.QuestionForm if kind == "question" else f.LessonForm


def _initial(item: AuthoredItem, kind: str, advanced: bool) -> tuple[dict[str, Any], bool]:
    if not advanced and kind != "case":
        initial = _form_class(kind, False).initial_from(  # type: ignore[attr-defined]
            item.slug, item.module_id, item.source
        )
        if initial is not None:
            return initial, False
    return {"slug": item.slug, "module": item.module_id, "source_text": item.source}, True


@role_required(*AUTHOR_ROLES)
def item_edit(
    request: HttpRequest, provider_id: int, kind: str, pk: int | None = None
) -> HttpResponse:
    user = _user(request)
    provider = get_provider_for_author(user, provider_id)
    item = (
        get_item_for_author(user, provider, kind, pk) if pk else model_of(kind)(provider=provider)
    )
    references = references_of(provider)
    advanced = request.GET.get("view") == "text" or request.POST.get("editor") == "text"
    result = None
    if request.method == "POST":
        form = _form_class(kind, advanced)(request.POST)
        if form.is_valid():
            submission = item_submit(
                item=item,
                author=user,
                action=request.POST.get("action", "preview"),
                slug=form.cleaned_data["slug"],
                module_id=form.cleaned_data["module"],
                source=form.source(),
                references=references,
            )
            if submission.saved is not None:
                messages.success(request, _saved_message(submission.saved, submission.result.ok))
                return redirect("authoring:edit", provider.pk, kind, item.pk)
            _show(request, form, submission)
            result = submission.result
    else:
        form, advanced = _unbound_form(item, kind, advanced)
        if item.pk:  # a saved item opens with its preview
            result = check(item, references)
    context = _edit_context(item, kind, form, advanced, result, references)
    context["saved_problems"] = item.problems if request.method != "POST" else []
    return render(request, "authoring/edit.html", context)


def _unbound_form(item: AuthoredItem, kind: str, advanced: bool) -> tuple[f.ItemForm, bool]:
    """The editor as a saved item opens (the simple form when its text allows), or a new one
    with the example."""
    if item.pk:
        initial, advanced = _initial(item, kind, advanced)
        return _form_class(kind, advanced)(initial=initial), advanced
    return _form_class(kind, advanced)(initial={"source_text": EXAMPLES.get(kind, "")}), advanced


def _edit_context(
    item: AuthoredItem,
    kind: str,
    form: f.ItemForm,
    advanced: bool,
    result: Any,
    references: list[Any],
) -> dict[str, Any]:
    provider = item.provider
    preview = (
        pv.build(kind, result.parsed, references)
        if result is not None and result.parsed is not None
        else None
    )
    history = (
        list(item.history.select_related("history_user").order_by("-history_date")[:10])
        if item.pk
        else []
    )
    return {
        "provider": provider,
        "kind": kind,
        "kind_label": KIND_LABELS[kind][:-1],
        "item": item,
        "form": form,
        "advanced": advanced,
        "result": result,
        "preview": preview,
        "references": references,
        "stated_label": STATED_REFERENCE_LABEL,
        "example": EXAMPLES.get(kind, ""),
        "history": history,
    }


def _show(request: HttpRequest, form: f.ItemForm, submission: Submission) -> None:
    """Why the item was not saved: on the form's fields, and as a message."""
    for name, message in submission.field_errors.items():
        form.add_error(name, message)
    if submission.show_problems:
        form.attach_problems(submission.result.problems)
    if submission.refused:
        messages.error(request, submission.refused)


def _saved_message(status: str, ok: bool) -> str:
    if status == Status.PUBLISHED:
        return "Published: it now appears in your academy's courses."
    if status == Status.RETIRED:
        return "Retired: it no longer appears in your courses."
    return "Draft saved." if ok else "Draft saved with the problems listed below."


@role_required(*AUTHOR_ROLES)
def references(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_author(_user(request), provider_id)
    form = f.ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ref = reference_add(reference=form.save(commit=False), provider=provider)
        messages.success(request, f"Added {ref.ref_id}. Cite it as [{ref.ref_id}].")
        return redirect("authoring:references", provider.pk)
    return render(
        request,
        "authoring/references.html",
        {
            "provider": provider,
            "form": form,
            "references": references_of(provider),
            "stated_label": STATED_REFERENCE_LABEL,
        },
    )


def _packaged_example(case_id: str) -> str:
    text = (DATA_DIR / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8")
    return text.replace(f"id: {case_id}\n", "", 1)


EXAMPLES = {
    "case": _packaged_example("case_anticoagulant"),
    "question": """module: complications
outcome: comp_common
kind: single
difficulty: 1
stem: On day 3 a patient reports swelling and bruising only. How urgent is this?
options:
  - id: a
    text: Routine; cold packs, head elevation and paracetamol
    correct: true
    why: Swelling and bruising are expected and settle. [R1, R58]
  - id: b
    text: Emergency now
    correct: false
    why: Ordinary bruising is not a vascular red flag. [R58]
  - id: c
    text: Same day, for antibiotics
    correct: false
    why: Without pus, fever or increasing pain there is no sign of infection. [R58]
  - id: d
    text: Ibuprofen and aspirin
    correct: false
    why: Leaflets advise avoiding NSAIDs and aspirin because they worsen bruising. [R58]
explanation: Swelling and bruising are the commonest effects, and they settle. [R1]
sources: [R1, R58]
""",
    "lesson": """---
module: complications
title: The title of the lesson
outcomes: [comp_common]
sources: [R1]
minutes: 10
---
## A heading

A clinical statement ends with its citation. [R1]
""",
}
