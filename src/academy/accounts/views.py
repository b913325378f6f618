"""Account pages: sign-up, profile, trainer profile and registration verification."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from academy.accounts import services
from academy.accounts.access import (
    get_profile_for_user,
    get_trainer_profile_for_user,
    login_required,
    role_required,
)
from academy.accounts.confirmation import (
    email_confirmation_send,
    signup_register,
    user_email_confirm,
    user_for_confirmation_token,
)
from academy.accounts.forms import AccountForm, ProfileForm, SignupForm, TrainerProfileForm
from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.selectors import jurisdiction_options


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same answer whether or not the address already has an account (no enumeration).
        signup_register(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            profession=data["profession"],
            jurisdiction=data["jurisdiction"],
            regulator=data["regulator"],
            registration_number=data["registration_number"],
            absolute_url=request.build_absolute_uri,
        )
        return redirect("accounts:signup_done")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "jurisdiction_options": jurisdiction_options()},
    )


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the signed link is the credential. It confirms, then asks for a log-in."""
    user = user_for_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_email_invalid.html", status=400)
    user_email_confirm(user=user)
    messages.success(request, "Thank you: your e-mail address is confirmed.")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@login_required
def confirm_email_needed(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST" and not user.email_confirmed:
        email_confirmation_send(user=user, absolute_url=request.build_absolute_uri)
        messages.success(request, f"A new confirmation link is on its way to {user.email}.")
        return redirect("accounts:confirm_email_needed")
    return render(request, "accounts/confirm_email_needed.html")


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Two forms on one page: name and e-mail (`which=account`), practitioner details."""
    user = request.user
    assert isinstance(user, User)
    profile = get_profile_for_user(user) or PractitionerProfile(user=user)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("which") if posted else None
    account_form = AccountForm(posted if which == "account" else None, user=user)
    form = ProfileForm(posted if which != "account" else None, instance=profile)
    if which == "account" and account_form.is_valid():
        data = account_form.cleaned_data
        if data["full_name"] != user.full_name:
            services.user_rename(user=user, full_name=data["full_name"])
            messages.success(request, "Your name was saved.")
        if data["email"] != user.email:
            try:
                services.email_change_request(
                    user=user,
                    new_email=data["email"],
                    confirm_url=lambda token: request.build_absolute_uri(
                        reverse("accounts:email_confirm", args=[token])
                    ),
                )
            except services.EmailChangeError as exc:
                account_form.add_error("email", exc.message)
            else:
                messages.success(
                    request,
                    f"We sent a confirmation link to {data['email']}. Your address changes "
                    "when you open it; until then you keep using the current one.",
                )
        if not account_form.errors:
            return redirect("accounts:profile")
    elif posted is not None and which != "account" and form.is_valid():
        services.profile_update(
            profile=profile, changed={f: form.cleaned_data[f] for f in ProfileForm.Meta.fields}
        )
        messages.success(request, "Your practitioner profile was saved.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "account_form": account_form, "profile": profile},
    )


@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: GET shows a button (mail scanners only GET), POST confirms."""
    error = None
    email = ""
    try:
        _, email = services.email_change_pending_user(token)
    except services.EmailChangeError as exc:
        error = exc.message
    if request.method == "POST" and error is None:
        try:
            services.email_change_confirm(token=token)
        except services.EmailChangeError as exc:
            error = exc.message
        else:
            messages.success(request, f"Your e-mail address is now {email}.")
            return redirect("core:dashboard" if request.user.is_authenticated else "accounts:login")
    return render(
        request,
        "accounts/email_confirm.html",
        {"error": error, "email": email},
        status=400 if error else 200,
    )


@require_POST
@login_required
def email_cancel(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    services.email_change_cancel(user=user)
    messages.success(request, "The e-mail change was cancelled; its link no longer works.")
    return redirect("accounts:profile")


@role_required(Role.TRAINER)
def trainer_profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    trainer = get_trainer_profile_for_user(user)
    form = TrainerProfileForm(request.POST or None, instance=trainer)
    if request.method == "POST" and form.is_valid():
        services.trainer_profile_update(
            user=user, changed={f: form.cleaned_data[f] for f in TrainerProfileForm.Meta.fields}
        )
        messages.success(request, "Your trainer profile was saved.")
        return redirect("accounts:trainer_profile")
    return render(request, "accounts/trainer_profile.html", {"form": form})
