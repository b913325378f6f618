"""An academy's CPD ledger for its admins: every credit awarded, exports (CSV, PDF, and one
activity's completions in ACCME's PARS layout), and reversing a credit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.cpd import exports, selectors, services
from academy.cpd.access import get_academy_for_cpd_admin
from academy.cpd.forms import ReverseForm
from academy.cpd.models import EntryKind
from threadlift.cpd.policy import cpd_policy

PAGE_ROWS = 200


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _attachment(body: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.ACADEMY_ADMIN)
def academy_ledger(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_academy_for_cpd_admin(_me(request), provider_id)
    entries = selectors.ledger_of_academy(provider)
    activities = (
        entries.values("run_id_snapshot", "course_title", "run_label")
        .annotate(
            learners=Count("learner", distinct=True),
            p=Sum("participatory_hours"),
            s=Sum("self_directed_hours"),
        )
        .order_by("course_title", "run_id_snapshot")
    )
    return render(
        request,
        "cpd/academy_ledger.html",
        {
            "provider": provider,
            "entries": list(entries.select_related("reversed_by")[:PAGE_ROWS]),
            "total": entries.count(),
            "page_rows": PAGE_ROWS,
            "activities": list(activities),
            "pars": cpd_policy().exports["pars"],
            "retention": cpd_policy().retention,
            "reverse_form": ReverseForm(),
        },
    )


@role_required(Role.ACADEMY_ADMIN)
def academy_ledger_csv(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_academy_for_cpd_admin(_me(request), provider_id)
    body = exports.ledger_csv(selectors.ledger_of_academy(provider).iterator())
    return _attachment(body, "text/csv; charset=utf-8", f"cpd-ledger-{provider.slug}.csv")


@role_required(Role.ACADEMY_ADMIN)
def academy_ledger_pdf(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_academy_for_cpd_admin(_me(request), provider_id)
    body = exports.ledger_pdf(
        f"CPD ledger: {provider.name}",
        list(selectors.ledger_of_academy(provider)),
        by_learner=True,
    )
    return _attachment(body, "application/pdf", f"cpd-ledger-{provider.slug}.pdf")


@role_required(Role.ACADEMY_ADMIN)
def activity_pars(request: HttpRequest, provider_id: int, run_id: int) -> HttpResponse:
    provider = get_academy_for_cpd_admin(_me(request), provider_id)
    entries = selectors.ledger_of_academy(provider).filter(
        run_id_snapshot=run_id, kind=EntryKind.AWARD, reversed_by__isnull=True
    )
    if not entries.exists():
        raise Http404("No credit for this activity.")
    body = exports.pars_csv(entries.order_by("learner_name", "id"))
    return _attachment(body, "text/csv; charset=utf-8", f"pars-learners-{run_id}.csv")


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def entry_reverse(request: HttpRequest, provider_id: int, entry_id: int) -> HttpResponse:
    provider = get_academy_for_cpd_admin(_me(request), provider_id)
    entry = selectors.ledger_of_academy(provider).filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No credit of this academy with this id.")
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the credit is reversed (300 characters at most).")
        return redirect("cpd:academy_ledger", provider_id=provider.pk)
    try:
        services.credit_reverse(entry=entry, reason=form.cleaned_data["reason"], now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The credit is reversed by a new ledger entry.")
    return redirect("cpd:academy_ledger", provider_id=provider.pk)
