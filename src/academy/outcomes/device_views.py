"""A prefilled device-incident report for a complication recorded at a follow-up: the clinician
checks it, completes what only they know and submits it on the regulator's site themselves."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.logbook.models import CaseProduct
from academy.outcomes.access import get_follow_up_for_viewer
from academy.outcomes.models import FollowUp, FollowUpComplication
from academy.outcomes.registry import plan_groups
from threadlift.knowledge import load_knowledge
from threadlift.outcomes.device_reports import fill, report_form, report_forms


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _int(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if 0 < value < 2**31 else None


def facts(
    item: FollowUp, row: FollowUpComplication, product: CaseProduct, reporter: User
) -> dict[str, str]:
    """What the platform knows for the report's fields (see data/device_reports.yaml)."""
    kb = load_knowledge()
    case = item.case
    names = {c.id: c.name for c in kb.complications}
    known = {p.id: p for p in kb.products}
    facts_of = known.get(product.product)
    onset = case.date + dt.timedelta(days=row.onset_day)
    plane, instrument = plan_groups(case.plan)
    resolved = (
        f"resolved on {row.resolved_on:%d %b %Y}"
        if row.resolved_on
        else f"not resolved when seen on {item.seen_on:%d %b %Y}"
        if item.seen_on
        else "not resolved"
    )
    indication = next((i.name for i in kb.indications if i.id == case.indication), case.indication)
    description = (
        f"{names.get(row.complication, row.complication)} ({row.get_severity_display().lower()}), "
        f"onset day {row.onset_day} after a thread lift ({indication}) on {case.date:%d %b %Y}. "
        f"Threads placed in the {plane} plane; instrument: {instrument}. "
        f"Management: {row.management or 'not recorded'}. Outcome: {resolved}."
    )
    profile = getattr(reporter, "profile", None)
    return {
        "patient_ref": f"Logbook case {case.pk} (your own records link it to the patient)",
        "event_kind": "Adverse event",
        "event_date": f"{onset:%d %b %Y}",
        "report_date": f"{timezone.localdate():%d %b %Y}",
        "description": description,
        "outcome": resolved.capitalize(),
        "product_name": facts_of.name if facts_of else product.product,
        "device_kind": (
            f"{facts_of.material.upper()} thread ({facts_of.design.replace('_', ' ')})"
            if facts_of
            else ""
        ),
        "manufacturer": facts_of.manufacturer if facts_of else "",
        "batch": product.batch,
        "expiry": f"{product.expiry:%d %b %Y}",
        "operator": "Health professional",
        "procedure_date": f"{case.date:%d %b %Y}",
        "reporter": f"{reporter.full_name}, {reporter.email}",
        "health_professional": "Yes",
        "occupation": profile.get_profession_display() if profile else "",
    }


@login_required
def device_report(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """?complication=<id>&product=<id>&form=<fda_3500|mhra_yellow_card>[&download=1]"""
    user = _me(request)
    item = get_follow_up_for_viewer(user, follow_up_id)
    row = item.complications.filter(pk=_int(request, "complication") or 0).first()
    products = list(item.case.products.all())
    chosen = next((p for p in products if p.pk == _int(request, "product")), None) or (
        products[0] if products else None
    )
    form_id = request.GET.get("form") or "fda_3500"
    if row is None or chosen is None or form_id not in {f.id for f in report_forms()}:
        raise Http404("Choose a complication of this follow-up, one of its products and a form.")
    report = fill(report_form(form_id), facts(item, row, chosen, user))
    if request.GET.get("download"):
        response = HttpResponse(report.as_text(), content_type="text/plain; charset=utf-8")
        name = f"device-report-{form_id}-case-{item.case_id}.txt"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "outcomes/device_report.html",
        {
            "item": item,
            "case": item.case,
            "row": row,
            "report": report,
            "forms": report_forms(),
            "products": products,
            "chosen": chosen,
        },
    )
