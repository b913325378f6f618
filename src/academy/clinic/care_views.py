"""The toolkit's aftercare schedule, complication triage and consent document.

Signed-in clinicians only; nothing is stored. Inputs are POSTed (clinical details never sit in
a URL or a server log); a GET shows the empty form. Each view parses its form, calls one core
function with the knowledge base, and renders a page, a PDF or a calendar file.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from academy.accounts.access import login_required
from academy.clinic.care_forms import AftercareForm, ConsentForm, TriageForm
from threadlift.assessment import aftercare_schedule, schedule_ics, schedule_pdf, triage
from threadlift.assessment.consent_pdf import consent_pdf
from threadlift.knowledge import load_knowledge


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def aftercare(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if not data.get("patient_ref"):  # one reference per schedule, reused by its downloads
            data["patient_ref"] = secrets.token_hex(6)
    form = AftercareForm(data, kb=kb)
    if not form.is_valid():
        return render(request, "clinic/aftercare.html", {"form": form})
    values = form.cleaned_data
    day, indication = values["procedure_date"], values["indication"]
    schedule = aftercare_schedule(kb, day, indication, values["designs"], values["clinic_contact"])
    name = f"aftercare-{indication}-{day:%Y-%m-%d}"
    if values["format"] == "ics":
        ics = schedule_ics(schedule, timezone.now(), values["patient_ref"])
        return _download(ics, "text/calendar", f"{name}.ics")
    if values["format"] == "pdf":
        return _download(schedule_pdf(schedule, kb), "application/pdf", f"{name}.pdf")
    return render(request, "clinic/aftercare.html", {"form": form, "schedule": schedule})


@login_required
def triage_view(request: HttpRequest) -> HttpResponse:
    form = TriageForm(request.POST if request.method == "POST" else None)
    result = None
    if form.is_valid():
        result = triage(load_knowledge(), form.cleaned_data["symptoms"], form.cleaned_data["days"])
    return render(request, "clinic/triage.html", {"form": form, "result": result})


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    initial = {"clinician": getattr(request.user, "full_name", "")}
    form = ConsentForm(request.POST if request.method == "POST" else None, kb=kb, initial=initial)
    if not form.is_valid() or form.document is None:
        return render(request, "clinic/consent.html", {"form": form})
    document = form.document
    if form.cleaned_data["format"] == "pdf":
        name = f"consent-{document.indication}.pdf"
        return _download(consent_pdf(document, kb), "application/pdf", name)
    return render(request, "clinic/consent.html", {"form": form, "doc": document})
