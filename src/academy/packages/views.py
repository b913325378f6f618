"""Download pages of an academy's packages under /academy/packages/ (thin: access, build, send)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from academy.accounts.access import role_required
from academy.accounts.models import User
from academy.packages import exports
from academy.packages.access import EXPORT_ROLES, get_provider_for_export


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _zip(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*EXPORT_ROLES)
def index(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_export(_user(request), provider_id)
    own = exports.academy_items(provider)
    return render(
        request,
        "packages/index.html",
        {
            "provider": provider,
            "modules": exports.modules(),
            "own": own,
            "pass_mark": exports.pass_mark_percent(),
        },
    )


@role_required(*EXPORT_ROLES)
def scorm(request: HttpRequest, provider_id: int, module_id: str) -> HttpResponse:
    get_provider_for_export(_user(request), provider_id)
    return _zip(exports.scorm_for(module_id), f"threadlift-{module_id}-scorm12.zip")


@role_required(*EXPORT_ROLES)
def qti(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_export(_user(request), provider_id)
    return _zip(exports.qti_for(provider), f"threadlift-question-bank-{provider.pk}-qti3.zip")
