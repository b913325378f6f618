"""The complication registry for trainers and academy admins: rates by group with intervals,
small groups suppressed, beside the published pooled rates; complications against distance to
each zone; CSV export with the same suppression; an academy's choice to share its follow-ups."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog.policy import academies_administered_by
from academy.outcomes.registry import (
    Scope,
    case_outcomes,
    curriculum_review,
    published_rates,
    scoped_cases,
    scopes_for,
)
from academy.outcomes.services import registry_share
from threadlift.knowledge import load_knowledge
from threadlift.outcomes import (
    ANY,
    DIMENSIONS,
    CaseOutcome,
    RateTable,
    distance_table,
    rate_table,
)
from threadlift.outcomes.policy import outcomes_policy

SCOPE_LABELS: dict[str, str] = {
    "trainer": "Cases on the runs I teach",
    "academy": "Cases of my academies",
    "all": "Shared registry (academies that opted in)",
}


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _complications() -> list[tuple[str, str]]:
    kb = load_knowledge()
    return [(ANY, "Any complication")] + [
        (c.id, c.name) for c in kb.complications if c.id != "any_complication"
    ]


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name) or default
    return value if value in allowed else default


def _tables(request: HttpRequest) -> dict[str, Any]:
    user = _me(request)
    scopes = scopes_for(user)
    if not scopes:
        raise PermissionDenied("This page is for trainers and academy admins.")
    scope: Scope = _choice(request, "scope", list(scopes), scopes[0])  # type: ignore[assignment]
    dimension = _choice(request, "by", list(DIMENSIONS), "material")
    complications = _complications()
    complication = _choice(request, "complication", [c for c, _ in complications], ANY)
    policy = outcomes_policy().registry
    outcomes = case_outcomes(scoped_cases(user, scope))
    published = published_rates(complication)
    table = rate_table(
        outcomes,
        dimension,
        complication,
        threshold=policy.small_cell_threshold,
        published=published,
    )
    return {
        "scopes": [(s, SCOPE_LABELS[s]) for s in scopes],
        "scope": scope,
        "dimensions": list(DIMENSIONS.items()),
        "dimension": dimension,
        "complications": complications,
        "complication": complication,
        "complication_name": dict(complications)[complication],
        "table": table,
        "policy": policy,
        "cases": len(outcomes),
        "outcomes": outcomes,
    }


def _distance(outcomes: list[CaseOutcome], complication: str) -> dict[str, Any]:
    """Complications against distance to each zone the plans reach in a plane at risk."""
    policy = outcomes_policy().registry
    kb = load_knowledge()
    names: dict[str, str] = {str(z.id): z.name for z in kb.danger_zones}
    bands = [(b.label, b.max) for b in policy.distance_bands_mm]
    zones = sorted({z for o in outcomes for z in o.zone_distances}, key=lambda z: names.get(z, z))
    related = next((set(c.zones) for c in kb.complications if c.id == complication), set())
    distance = [
        (
            names.get(z, z),
            z in related,
            distance_table(
                outcomes,
                z,
                bands,
                threshold=policy.small_cell_threshold,
                complication=complication,
            ),
        )
        for z in zones
    ]
    return {"distance": distance, "bands": [label for label, _ in bands]}


@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def registry(request: HttpRequest) -> HttpResponse:
    context = _tables(request)
    outcomes = context["outcomes"]
    context |= _distance(outcomes, context["complication"])
    context["review"] = curriculum_review(outcomes, context["policy"].small_cell_threshold)
    user = _me(request)
    context["providers"] = list(
        academies_administered_by(user).select_related("registry_opt_in").order_by("name")
    )
    return render(request, "outcomes/registry.html", context)


def _csv_rows(table: RateTable, label: str) -> list[list[str]]:
    def cell(value: object) -> str:
        return f"suppressed (<{table.threshold})" if value is None else str(value)

    rows = []
    for r in (*table.rows, table.total):
        rate = r.rate
        rows.append(
            [
                label,
                r.group,
                cell(r.cases),
                cell(rate.events if rate else None),
                f"{rate.proportion:.4f}" if rate else cell(None),
                f"{rate.low:.4f}" if rate else cell(None),
                f"{rate.high:.4f}" if rate else cell(None),
                "yes" if r.flagged else "no",
            ]
        )
    return rows


@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def registry_csv(request: HttpRequest) -> HttpResponse:
    """The table on the page as CSV: the same groups suppressed, nothing identifying."""
    context = _tables(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "dimension",
            "group",
            "cases",
            "with complication",
            "rate",
            "95% low",
            "95% high",
            "above published",
        ]
    )
    writer.writerows(_csv_rows(context["table"], DIMENSIONS[context["dimension"]]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"registry-{context['scope']}-{context['dimension']}-{context['complication']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def sharing(request: HttpRequest) -> HttpResponse:
    """An academy admin shares (or stops sharing) their academy's anonymised follow-ups."""
    user = _me(request)
    try:
        provider_id = int(request.POST.get("provider", ""))
    except ValueError:
        provider_id = 0
    provider = academies_administered_by(user).filter(pk=provider_id).first()
    if provider is None:
        messages.error(request, "Choose one of your academies.")
        return redirect("outcomes:registry")
    share = request.POST.get("share") == "yes"
    registry_share(provider=provider, user=user, share=share)
    if share:
        messages.success(request, f"{provider.name} now shares its anonymised follow-ups.")
    else:
        messages.success(request, f"{provider.name} no longer shares its follow-ups.")
    return redirect("outcomes:registry")
