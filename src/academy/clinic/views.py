"""The clinical toolkit: consultation → assessment report (aftercare, triage and consent are
in `care_views`).

Every view is for signed-in users; nothing is stored. Each parses a form, calls one core
function with the knowledge base, and renders.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from academy.accounts.access import login_required
from academy.clinic.forms import ConsultationForm
from threadlift.assessment import consultation_report
from threadlift.knowledge import load_knowledge


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "clinic/index.html")


@login_required
def consultation(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    form = ConsultationForm(request.POST or None, kb=kb)
    # "Change the answers" on the report posts the answers back: the form shows them again
    # (pages are no-store, so the browser's Back button cannot bring them back).
    changing = "change_answers" in request.POST
    if request.method == "POST" and not changing and form.is_valid() and form.profile is not None:
        report = consultation_report(form.profile, kb)
        answers = [(k, v) for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"]
        return render(
            request, "clinic/report.html", {"report": report, "kb": kb, "answers": answers}
        )
    return render(request, "clinic/consultation.html", {"form": form})
