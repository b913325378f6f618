"""An academy admin's LTI pages: the LMS platforms registered, the tool's details to give the
LMS, and key rotation. Another academy's registrations are never shown (404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.lti import access, keys, services
from academy.lti.forms import PlatformForm
from academy.lti.models import LtiKey, LtiPlatform


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(Role.ACADEMY_ADMIN)
def registrations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    academies = list(access.academies_for_admin(user).order_by("name"))
    platforms = list(access.platforms_for_admin(user).order_by("name", "id"))
    current = {
        key.provider_id: key
        for key in LtiKey.objects.filter(provider__in=academies, retired_at__isnull=True)
    }
    rows = [
        (academy, [p for p in platforms if p.provider_id == academy.pk], current.get(academy.pk))
        for academy in academies
    ]
    tool_urls = {
        "login": request.build_absolute_uri(reverse("lti:login")),
        "launch": request.build_absolute_uri(reverse("lti:launch")),
        "jwks": request.build_absolute_uri(reverse("lti:jwks")),
    }
    return render(request, "lti/admin/registrations.html", {"rows": rows, "tool": tool_urls})


@role_required(Role.ACADEMY_ADMIN)
def registration_create(request: HttpRequest, provider_id: int) -> HttpResponse:
    academy = access.get_academy_for_admin(_user(request), provider_id)
    return _form(request, LtiPlatform(provider=academy))


@role_required(Role.ACADEMY_ADMIN)
def registration_edit(request: HttpRequest, platform_id: int) -> HttpResponse:
    return _form(request, access.get_platform_for_admin(_user(request), platform_id))


def _form(request: HttpRequest, platform: LtiPlatform) -> HttpResponse:
    form = PlatformForm(request.POST or None, instance=platform)
    if request.method == "POST" and form.is_valid():
        services.platform_save(platform=form.save(commit=False), now=timezone.now())
        messages.success(request, f"The LMS “{platform.name}” is registered.")
        return redirect("lti:registrations")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "lti/admin/registration_form.html",
        {"form": form, "platform": platform},
        status=status,
    )


@role_required(Role.ACADEMY_ADMIN)
@require_POST
def key_rotate(request: HttpRequest, provider_id: int) -> HttpResponse:
    academy = access.get_academy_for_admin(_user(request), provider_id)
    key = services.key_rotate(provider=academy, now=timezone.now())
    messages.success(
        request,
        f"A new signing key ({key.kid[:12]}…) is in use; the old one stays published for "
        f"{keys.GRACE.days} days.",
    )
    return redirect("lti:registrations")
