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
    if request.method == "POST" and form.is_valid() and form.profile is not None:
        report = consultation_report(form.profile, kb)
        return render(request, "clinic/report.html", {"report": report, "kb": kb})
    return render(request, "clinic/consultation.html", {"form": form})
