"""Forms for sign-up, profiles and verification. Validation lives here and in the models."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from academy.accounts.jurisdictions import validate_jurisdiction
from academy.accounts.models import PractitionerProfile, Profession, TrainerProfile, User

JURISDICTION_HELP = (
    "Country code, with the region where rules differ: GB-ENG (England), GB-SCT (Scotland), "
    "US-CA (California), AE-DU (Dubai), AU, DE, SG…"
)


def _clean_jurisdiction(value: str) -> str:
    code = value.strip().upper()
    validate_jurisdiction(code)
    return code


class JurisdictionField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", JURISDICTION_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "jurisdiction-options", "autocomplete": "off"})

    def clean(self, value: Any) -> str:
        return _clean_jurisdiction(super().clean(value))


class SignupForm(forms.Form):
    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(label="E-mail")
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=(
            "10 to 128 characters; not a common or all-numeric password, "
            "not your name or the site's name."
        ),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    profession = forms.ChoiceField(choices=[("", "Choose…"), *Profession.choices])
    jurisdiction = JurisdictionField(label="Where you practise")
    regulator = forms.CharField(max_length=120, required=False, help_text="e.g. GMC, NMC, GDC.")
    registration_number = forms.CharField(max_length=60, required=False)

    def clean_email(self) -> str:
        # No "already exists" message: that would tell anyone who has an account (issue 10).
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords do not match.")
        elif p1:
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label="E-mail", widget=forms.EmailInput(attrs={"autofocus": True}))


class ProfileForm(forms.ModelForm):
    jurisdiction = JurisdictionField(label="Where you practise")

    class Meta:
        model = PractitionerProfile
        fields = ["profession", "jurisdiction", "regulator", "registration_number"]


class TrainerProfileForm(forms.ModelForm):
    class Meta:
        model = TrainerProfile
        fields = [
            "years_in_practice",
            "thread_procedures_performed",
            "credentials",
            "specialties",
            "bio",
        ]
        widgets = {
            "credentials": forms.Textarea(attrs={"rows": 4}),
            "bio": forms.Textarea(attrs={"rows": 5}),
        }


class VerifyForm(forms.Form):
    verified = forms.BooleanField(required=False)
