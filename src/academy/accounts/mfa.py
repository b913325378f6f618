"""Second-factor pages: overview (on the profile), set-up with a QR code, verify, recovery codes,
remove. The services live in second_factor.py."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.accounts.second_factor import (
    is_enrolled,
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_remove,
    second_factor_required_by_role,
    second_factor_verify,
    session_is_verified,
    totp_device_confirm,
    totp_device_start,
    totp_secret,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _next(request: HttpRequest) -> str:
    """A path on this site to go on to, or "". Only a path from the root (`/…`) is taken:
    `redirect()` would read a bare word such as `dashboard` as a view name, and fail."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _overview(request: HttpRequest, form: PasswordConfirmForm, status: int = 200) -> HttpResponse:
    user = _me(request)
    context = {
        "enrolled": is_enrolled(user),
        "required": second_factor_required_by_role(user),
        "codes_left": recovery_codes_left(user),
        "remove_form": form,
    }
    return render(request, "accounts/mfa_overview.html", context, status=status)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request, PasswordConfirmForm(user=_me(request)))


@never_cache  # the page holds the secret key; the answer to POST holds the recovery codes
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    if is_enrolled(user):
        messages.info(request, "Your second factor is already set up.")
        return redirect("accounts:mfa")
    device = totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = "The 6-digit code your authenticator app shows now."
    if request.method == "POST" and form.is_valid():
        codes = totp_device_confirm(request=request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next(request), "first_time": True},
            )
        form.add_error("code", "That code is not right. Check the time on your phone and retry.")
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr.svg_inline(scale=4, title="QR code for your authenticator app")),
            "secret": totp_secret(device),
            "required": second_factor_required_by_role(user),
            "next": _next(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    if session_is_verified(user):
        return redirect(_next(request) or "core:dashboard")
    if not is_enrolled(user):
        return redirect("accounts:mfa_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_verify(request=request, token=form.cleaned_data["code"]) is not None:
            return redirect(_next(request) or "core:dashboard")
        form.add_error(
            "code",
            "That code is not right, or there were too many tries: wait a minute and retry.",
        )
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    if not is_enrolled(user):
        return redirect("accounts:mfa")
    codes = recovery_codes_regenerate(user=user)
    return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": ""})


@require_POST
@login_required
def remove(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = PasswordConfirmForm(request.POST, user=user)
    if not form.is_valid():
        return _overview(request, form, status=400)
    second_factor_remove(request=request, user=user)
    if second_factor_required_by_role(user):
        messages.warning(request, "Your role needs a second factor: please set up a new one.")
        return redirect("accounts:mfa_setup")
    messages.success(request, "Your second factor was removed.")
    return redirect("accounts:mfa")
