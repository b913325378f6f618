"""Case pages: log, view, edit or amend, photos. Thin: access helpers, forms and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.core.images import PhotoProblem, clean_photo
from academy.logbook.access import (
    get_case_for_learner,
    get_case_for_viewer,
    get_photo_for_viewer,
    is_trainer_of,
    runs_for_logging,
)
from academy.logbook.forms import (
    AmendmentForm,
    CaseForm,
    DopsRequestForm,
    PhotoForm,
    ProductFormSet,
)
from academy.logbook.models import Case
from academy.logbook.plans import canvas_context, plan_svg_data_uri, reference_plan_json
from academy.logbook.services import case_amend, case_save, photo_add
from academy.logbook.signing import SignatureForm
from academy.logbook.vocab import DopsStatus
from threadlift.knowledge import load_knowledge


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _forms(request: HttpRequest, user: User, case: Case | None) -> tuple[CaseForm, Any]:
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, instance=case, runs=runs_for_logging(user))
    day = None
    if data is not None and form.is_valid():
        day = form.cleaned_data["date"]
    elif case is not None:
        day = case.date
    products = ProductFormSet(data, instance=case, case_date=day, prefix="products")
    return form, products


@role_required(Role.LEARNER)
def case_new(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form, products = _forms(request, user, None)
    if not form.fields["run"].queryset.exists():  # type: ignore[attr-defined]
        messages.info(request, "You can log cases once you are enrolled on a hands-on run.")
    if request.method == "POST" and form.is_valid() and products.is_valid():
        case = case_save(learner=user, form=form, products=products)
        messages.success(request, "Case saved to your logbook.")
        return redirect("logbook:case", case_id=case.pk)
    return _form_page(request, form, products, None)


def _form_page(
    request: HttpRequest,
    form: CaseForm,
    products: object,
    case: object | None,
    amendment: AmendmentForm | None = None,
) -> HttpResponse:
    bad = request.method == "POST"
    instance = case if isinstance(case, Case) else None
    indication = str(form["indication"].value() or (instance.indication if instance else "jowl"))
    view = str(
        request.GET.get("view") or (instance.plan.get("view") if instance else "lateral-left")
    )
    return render(
        request,
        "logbook/case_form.html",
        {
            "form": form,
            "products": products,
            "case": case,
            "amendment": amendment,
            "references": reference_plan_json(),
            "canvas": canvas_context(
                view, indication, form.plan_json or (instance.plan if instance else None)
            ),
        },
        status=400 if bad else 200,
    )


@role_required(Role.LEARNER)
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _me(request)
    case = get_case_for_learner(user, case_id)
    if case.is_signed:
        return _amend(request, user, case)
    form, products = _forms(request, user, case)
    if request.method == "POST" and form.is_valid() and products.is_valid():
        case_save(learner=user, form=form, products=products)
        messages.success(request, "Case updated.")
        return redirect("logbook:case", case_id=case.pk)
    return _form_page(request, form, products, case)


def _amend(request: HttpRequest, user: User, case: object) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, instance=case, runs=runs_for_logging(user))
    amendment = AmendmentForm(data, prefix="amend")
    if data is not None and form.is_valid() and amendment.is_valid():
        done = case_amend(author=user, form=form, reason=amendment.cleaned_data["reason"])
        messages.success(request, "Amendment recorded." if done else "Nothing was changed.")
        return redirect("logbook:case", case_id=case.pk)  # type: ignore[attr-defined]
    return _form_page(request, form, None, case, amendment)


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _me(request)
    case = get_case_for_viewer(user, case_id)
    kb = load_knowledge()
    products = list(case.products.all())
    names = {p.id: p.name for p in kb.products}
    complications = {c.id: c.name for c in kb.complications}
    own = case.learner_id == user.pk
    trainer = is_trainer_of(user, case.run)
    context = {
        "case": case,
        "products": [(p, names.get(p.product, p.product)) for p in products],
        "indication_name": kb.indication(case.indication).name,
        "complication_names": [complications.get(c, c) for c in case.complications],
        "plan_svg": plan_svg_data_uri(case.plan, case.plan_score),
        "photos": list(case.photos.all()),
        "dops": list(case.dops.select_related("trainer", "signed_by")),
        "amendments": list(case.amendments.select_related("author")),
        "wba": list(case.wba_assessments.select_related("assessor")),
        "own": own,
        "trainer": trainer,
        "photo_form": PhotoForm() if own and not case.is_signed else None,
        "request_form": DopsRequestForm(case=case) if own else None,
        "sign_form": SignatureForm(signer=user, prefix="sign")
        if trainer and not case.is_signed
        else None,
        "open_dops": [d for d in case.dops.all() if d.status == DopsStatus.REQUESTED],
    }
    return render(request, "logbook/case.html", context)


@require_POST
@role_required(Role.LEARNER)
def photo_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _me(request)
    case = get_case_for_learner(user, case_id)
    form = PhotoForm(request.POST, request.FILES)
    if case.is_signed:
        messages.error(request, "The case is signed: photos can no longer be added.")
        return redirect("logbook:case", case_id=case.pk)
    if form.is_valid():
        try:
            content, width, height = clean_photo(form.cleaned_data["image"])
        except PhotoProblem as exc:
            form.add_error("image", str(exc))
        else:
            photo_add(
                case=case,
                user=user,
                kind=form.cleaned_data["kind"],
                content=content,
                width=width,
                height=height,
            )
            messages.success(request, "Photo added (its metadata was removed).")
            return redirect("logbook:case", case_id=case.pk)
    return render(request, "logbook/photo_form.html", {"case": case, "form": form}, status=400)


@login_required
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    item = get_photo_for_viewer(_me(request), photo_id)
    with item.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="case-{item.case_id}-{item.kind}.jpg"'
    return response
