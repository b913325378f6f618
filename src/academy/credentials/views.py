"""Public pages (DID documents, status lists, verification) and the learner's wallet."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from academy.accounts.access import login_required
from academy.accounts.models import Role
from academy.credentials import (
    access,
    documents,
    page_cache,
    requirements,
    selectors,
    services,
    signing,
    verification,
)
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


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": "not_found", "message": message}}, status=404)


@require_GET
def did_json(request: HttpRequest, slug: str) -> HttpResponse:
    document = signing.did_document(access.get_provider_by_slug(slug))
    if document is None:
        return _not_found("This academy has no signing key: it has issued no credential.")
    return _json(document)


@require_GET
def status_list(request: HttpRequest, slug: str, purpose: str) -> HttpResponse:
    if purpose not in PURPOSES:
        return _not_found("No such list.")
    listed = signing.status_list(access.get_provider_by_slug(slug), purpose)
    if listed is None:
        return _not_found("This academy has no signing key: it has issued no credential.")
    return _json(listed, cache="no-cache")


@require_GET
def verify(request: HttpRequest, credential_id: str) -> HttpResponse:
    def build() -> tuple[HttpResponse, float | None]:
        credential = access.get_public_credential(credential_id)
        now = timezone.now()
        outcome = verification.check(credential, now=now)
        document = credential.document or {}
        response = render(
            request,
            "credentials/verify.html",
            {
                "credential": credential,
                "doc": document,
                "facts": documents.credential_facts(document),
                "withdrawn": services.withdrawal(credential),
                "outcome": outcome,
                "label": verification.LABELS[outcome.verdict],
                "did_url": signing.absolute(f"/academies/{credential.provider.slug}/did.json"),
            },
        )
        return response, page_cache.phase_ends(document, now)

    return page_cache.public(request, build)


@require_GET
def credential_json(request: HttpRequest, credential_id: str) -> HttpResponse:
    def build() -> tuple[HttpResponse, float | None]:
        credential = access.get_public_credential(credential_id)
        return _json(credential.document or {}, filename=f"credential-{credential.pk}.json"), None

    return page_cache.public(request, build)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One link for everyone: academy admins go to the register, everyone else to the wallet."""
    if request.user.has_role(Role.ACADEMY_ADMIN):  # type: ignore[union-attr]
        return redirect("credentials:register")
    return redirect("credentials:wallet")


@login_required
def wallet(request: HttpRequest) -> HttpResponse:
    credentials = list(selectors.my_credentials(request.user))  # type: ignore[arg-type]
    for credential in credentials:
        credential.linkedin_url = services.linkedin_add_url(credential)  # type: ignore[attr-defined]
        credential.withdrawn = services.withdrawal(credential)  # type: ignore[attr-defined]
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
    enrolment = access.get_enrolment_for_checklist(request.user, enrolment_id)  # type: ignore[arg-type]
    items = services.checklist(enrolment)
    return render(
        request,
        "credentials/checklist.html",
        {
            "enrolment": enrolment,
            "items": items,
            "all_met": requirements.all_met(items),
            "has_rules": any(item.rule.pk is not None for item in items),
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


BADGE_FORMATS = ("png", "svg")


@login_required
def badge(request: HttpRequest, credential_id: str, fmt: str) -> HttpResponse:
    if fmt not in BADGE_FORMATS:  # it is written into the file name below
        raise Http404("No badge in that format.")
    credential = access.get_credential_for_learner(request.user, credential_id)  # type: ignore[arg-type]
    if fmt == "png":
        response = HttpResponse(documents.badge_png(credential), content_type="image/png")
    else:
        response = HttpResponse(documents.badge_svg(credential), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="badge-{credential.pk}.{fmt}"'
    return _private(response)
