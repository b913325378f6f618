"""The conflict-of-interest declaration page of trainers and course planners (academy admins)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog import declarations
from academy.catalog.forms import BaseRelationshipFormSet, DeclarationForm, RelationshipFormSet
from academy.catalog.models import Declaration
from threadlift.catalog.accreditation import accreditation_policy, is_current


def _initial(declaration: Declaration | None) -> list[dict[str, object]]:
    if declaration is None:
        return []
    return [
        {f: getattr(r, f) for f in ("company", "kind", "starts_on", "ends_on", "mitigation")}
        for r in declaration.relationships.all()
    ]


@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def declaration(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    latest = declarations.latest_declaration(user)
    policy = accreditation_policy().disclosure
    form = DeclarationForm(
        request.POST or None,
        initial={"nothing_to_declare": bool(latest and latest.nothing_to_declare)},
    )
    formset = RelationshipFormSet(request.POST or None, initial=_initial(latest), prefix="rel")
    assert isinstance(formset, BaseRelationshipFormSet)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            declarations.declaration_save(
                person=user,
                nothing_to_declare=form.cleaned_data["nothing_to_declare"],
                relationships=formset.relationships(),
                now=timezone.now(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Declaration saved. Thank you.")
            return redirect("catalog:declaration")
    current = bool(
        latest
        and is_current(
            timezone.localdate(latest.declared_at), today=timezone.localdate(), policy=policy
        )
    )
    context = {
        "form": form,
        "formset": formset,
        "latest": latest,
        "current": current,
        "policy": policy,
    }
    return render(request, "catalog/declaration.html", context)
