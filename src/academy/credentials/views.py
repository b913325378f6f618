"""Public pages (DID documents, status lists, verification) and the learner's wallet."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from academy.accounts.access import login_required
from academy.accounts.models import Role
from academy.credentials import access, documents, requirements, services, signing, verification
from threadlift.credentials.status import PURPOSES


def _json(data: dict, *, filename: str = "", cache: str = "public, max-age=60") -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in other origins read these
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def did_json(request: HttpRequest, slug: str) -> HttpResponse:
    return _json(signing.did_document(access.get_provider_by_slug(slug)))


@require_GET
def status_list(request: HttpRequest, slug: str, purpose: str) -> HttpResponse:
    if purpose not in PURPOSES:
        return JsonResponse(
            {"error": {"code": "not_found", "message": "No such list."}}, status=404
        )
    provider = access.get_provider_by_slug(slug)
    return _json(signing.status_list(provider, purpose), cache="no-cache")


@require_GET
def verify(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_public_credential(credential_id)
    outcome = verification.check(credential)
    document = credential.document or {}
    subject = document.get("credentialSubject", {})
    results = []
    for result in subject.get("result", []):
        if result.get("value"):
            results.append(f"{result['value']} supervised cases")
        elif result.get("achievedLevel"):
            level = str(result["achievedLevel"]).rsplit("-", 1)[-1]
            results.append(f"DOPS global rating: level {level} of 4")
    return render(
        request,
        "credentials/verify.html",
        {
            "credential": credential,
            "doc": document,
            "subject": document.get("credentialSubject", {}),
            "achievement": document.get("credentialSubject", {}).get("achievement", {}),
            "results": results,
            "outcome": outcome,
            "label": verification.LABELS[outcome.verdict],
            "did_url": signing.absolute(f"/academies/{credential.provider.slug}/did.json"),
        },
    )


@require_GET
def credential_json(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_public_credential(credential_id)
    return _json(credential.document or {}, filename=f"credential-{credential.pk}.json")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One link for everyone: academy admins go to the register, everyone else to the wallet."""
    if request.user.has_role(Role.ACADEMY_ADMIN):  # type: ignore[union-attr]
        return redirect("credentials:register")
    return redirect("credentials:wallet")


@login_required
def wallet(request: HttpRequest) -> HttpResponse:
    credentials = list(access.credentials_for_learner(request.user).order_by("-created_at"))  # type: ignore[arg-type]
    enrolments = request.user.enrolments.select_related("run__course__provider").order_by(  # type: ignore[union-attr]
        "-created_at"
    )
    return render(
        request,
        "credentials/wallet.html",
        {
            "credentials": credentials,
            "enrolments": enrolments,
            "base": signing.base_url(),
        },
    )


@login_required
def checklist(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access.get_enrolment_for_learner(request.user, enrolment_id)  # type: ignore[arg-type]
    items = services.checklist(enrolment)
    return render(
        request,
        "credentials/checklist.html",
        {
            "enrolment": enrolment,
            "items": items,
            "all_met": requirements.all_met(items),
            "credential": services.current_credential(enrolment),
        },
    )


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def certificate_pdf(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_credential_for_learner(request.user, credential_id)  # type: ignore[arg-type]
    url = signing.absolute(services.verification_path(credential))
    response = HttpResponse(
        documents.certificate_pdf(credential, url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.pk}.pdf"'
    return _private(response)


@login_required
def badge(request: HttpRequest, credential_id: str, fmt: str) -> HttpResponse:
    credential = access.get_credential_for_learner(request.user, credential_id)  # type: ignore[arg-type]
    if fmt == "png":
        response = HttpResponse(documents.badge_png(credential), content_type="image/png")
    else:
        response = HttpResponse(documents.badge_svg(credential), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="badge-{credential.pk}.{fmt}"'
    return _private(response)
