"""The clinical toolkit: consultation → assessment report, aftercare schedule, triage.

Every view is for signed-in users; nothing is stored. Each parses a form, calls one core
function with the knowledge base, and renders.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from academy.accounts.access import login_required
from academy.clinic.forms import AftercareForm, ConsultationForm, TriageForm
from threadlift.assessment import (
    aftercare_schedule,
    consultation_report,
    schedule_ics,
    schedule_pdf,
    triage,
)
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


@login_required
def aftercare(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    form = AftercareForm(request.GET or None, kb=kb)
    if not form.is_valid():
        return render(request, "clinic/aftercare.html", {"form": form})
    day, indication = form.cleaned_data["procedure_date"], form.cleaned_data["indication"]
    schedule = aftercare_schedule(kb, day, indication)
    name = f"aftercare-{indication}-{day:%Y-%m-%d}"
    if request.GET.get("format") == "ics":
        response = HttpResponse(schedule_ics(schedule, timezone.now()), "text/calendar")
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
        return response
    if request.GET.get("format") == "pdf":
        response = HttpResponse(schedule_pdf(schedule, kb), "application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {"form": form, "schedule": schedule, "query": query.urlencode()}
    return render(request, "clinic/aftercare.html", context)


@login_required
def triage_view(request: HttpRequest) -> HttpResponse:
    form = TriageForm(request.GET or None)
    result = None
    if form.is_valid():
        result = triage(load_knowledge(), form.cleaned_data["symptoms"], form.cleaned_data["days"])
    return render(request, "clinic/triage.html", {"form": form, "result": result})
