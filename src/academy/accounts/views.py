"""Account pages: sign-up, profile, trainer profile and registration verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from academy.accounts import services
from academy.accounts.access import (
    get_profile_for_user,
    get_trainer_profile_for_user,
    login_required,
    role_required,
)
from academy.accounts.forms import ProfileForm, SignupForm, TrainerProfileForm
from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.selectors import jurisdiction_options


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.user_signup(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            profession=data["profession"],
            jurisdiction=data["jurisdiction"],
            regulator=data["regulator"],
            registration_number=data["registration_number"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Threadlift Academy. Your account is ready.")
        return redirect("core:dashboard")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "jurisdiction_options": jurisdiction_options()},
    )


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
