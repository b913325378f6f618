"""Forms for sign-up, profiles and verification. Validation lives here and in the models."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from academy.accounts.jurisdictions import validate_jurisdiction
from academy.accounts.models import (
    PractitionerProfile,
    Profession,
    TrainerProfile,
    User,
    VerificationAction,
    VerificationEvidence,
)
from academy.accounts.selectors import jurisdiction_groups
from threadlift.catalog import check_registration
from threadlift.knowledge import load_knowledge

JURISDICTION_HELP = (
    "The country, or the region where rules differ (England, Scotland, "
    "a US state, an emirate…). Jurisdictions with regulation data are listed first."
)


class JurisdictionField(forms.ChoiceField):
    """A select from the platform's jurisdiction list: no free text that matches nothing.

    Codes are accepted in any case (`gb-eng`), as an old bookmark or script may send them.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", JURISDICTION_HELP)
        kwargs.setdefault("choices", [("", "Choose…"), *jurisdiction_groups()])
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Choose where you practise from the list."},
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            validate_jurisdiction(value)


def clean_registration(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """Check the number's shape for its regulator and store both in their usual spelling."""
    regulator = (data.get("regulator") or "").strip()
    number = (data.get("registration_number") or "").strip()
    if not regulator and not number:
        return
    if not regulator:
        form.add_error("regulator", "Name the regulator that issued the registration number.")
        return
    if not number:
        return  # a regulator alone can be saved; verification then waits for the number
    kb = load_knowledge()
    check = check_registration(kb, regulator=regulator, number=number)
    if check.problem:
        form.add_error(
            "registration_number",
            f"{check.problem} The format is from our notes and not yet confirmed by a source; "
            "if your number really differs, contact the platform team.",
        )
        return
    register = kb.register_named(regulator)
    data["regulator"] = register.names[0] if register is not None else regulator
    data["registration_number"] = check.number


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
    regulator = forms.CharField(
        max_length=120, required=False, help_text="e.g. GMC, NMC, GDC, Ahpra."
    )
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
        clean_registration(self, data)
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label="E-mail", widget=forms.EmailInput(attrs={"autofocus": True}))


class ProfileForm(forms.ModelForm):
    jurisdiction = JurisdictionField(label="Where you practise")

    class Meta:
        model = PractitionerProfile
        fields = ["profession", "jurisdiction", "regulator", "registration_number"]
        help_texts = {"regulator": "e.g. GMC, NMC, GDC, Ahpra."}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        clean_registration(self, data)
        return data


class AccountForm(forms.Form):
    """Name and e-mail address. A new address is used only once its link is opened."""

    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(
        label="E-mail",
        help_text="Changing it sends a confirmation link to the new address; the old one stays "
        "in use until the link is opened.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        kwargs.setdefault("initial", {"full_name": user.full_name, "email": user.email})
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email != self.user.email and (
            User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists()
        ):
            raise forms.ValidationError("Another account uses this e-mail address.")
        return email


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
    """A verifier's decision on one registration, with what it rests on."""

    action = forms.ChoiceField(
        choices=[
            (VerificationAction.VERIFIED, "Verify this registration"),
            (VerificationAction.DECLINED, "Decline the request for now (say why in the note)"),
            (VerificationAction.REVOKED, "Revoke its verification"),
        ],
        widget=forms.RadioSelect,
        label="What you decide",
    )
    evidence = forms.ChoiceField(
        choices=[("", "Choose…"), *VerificationEvidence.choices],
        required=False,
        label="Evidence checked",
        help_text="Needed to verify: what you checked the registration against. Not needed to "
        "decline or revoke.",
    )
    evidence_reference = forms.CharField(
        max_length=300,
        required=False,
        label="Evidence reference",
        help_text="e.g. the register entry's address and the date you looked.",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Needed to decline or revoke (the practitioner reads it), for evidence of "
        "another kind, and to verify a number another account also gives.",
    )

    # Shown beside the label instead of "(optional)": these are needed for some decisions.
    NEEDED_WHEN = {"evidence": "needed to verify", "note": "needed to decline or revoke"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, when in self.NEEDED_WHEN.items():
            self.fields[name].needed_when = when  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == VerificationAction.VERIFIED and not data.get("evidence"):
            self.add_error("evidence", "Say what evidence you checked.")
        return data


class VerificationRequestForm(forms.Form):
    """A practitioner's request to be verified, with the evidence a verifier checks."""

    evidence = forms.FileField(
        label="Your registration evidence",
        help_text="A PDF, or a photo or scan (JPEG, PNG or WebP), of at most 10 MB: your current "
        "registration certificate or a print of your entry on the regulator's register. Only "
        "you and the platform's registration verifiers can open it; photos are stored without "
        "their metadata.",
        error_messages={"required": "Choose the file with your registration evidence."},
    )
    message = forms.CharField(
        required=False,
        max_length=1000,
        label="Anything the verifier should know",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="e.g. a change of name since you registered.",
    )
