"""Account pages: sign-up, profile, trainer profile and registration verification."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from academy.accounts import services
from academy.accounts.access import (
    get_practitioner_profile_for_admin,
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
from academy.accounts.forms import ProfileForm, SignupForm, TrainerProfileForm, VerifyForm
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
    user = request.user
    assert isinstance(user, User)
    profile = get_profile_for_user(user) or PractitionerProfile(user=user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            profile=profile, changed={f: form.cleaned_data[f] for f in ProfileForm.Meta.fields}
        )
        messages.success(request, "Your practitioner profile was saved.")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "profile": profile,
            "jurisdiction_options": jurisdiction_options(),
        },
    )


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


@role_required(Role.ACADEMY_ADMIN)
def practitioner_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "unverified")
    profiles = PractitionerProfile.objects.select_related("user", "verified_by").order_by(
        "verified", "user__email"
    )
    if show == "unverified":
        profiles = profiles.filter(verified=False)
    return render(
        request, "accounts/practitioners.html", {"profiles": profiles[:200], "show": show}
    )


@require_POST
@role_required(Role.ACADEMY_ADMIN)
def practitioner_verify(request: HttpRequest, profile_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    profile = get_practitioner_profile_for_admin(user, profile_id)
    form = VerifyForm(request.POST)
    form.is_valid()
    verified = bool(form.cleaned_data.get("verified"))
    services.profile_set_verified(profile=profile, verified=verified, by=user)
    state = "verified" if verified else "marked unverified"
    messages.success(request, f"{profile.user} is {state}.")
    return redirect("accounts:practitioners")
