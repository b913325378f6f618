"""Practice forms: sessions (academy admins), the volunteer's application (public), and the
academy's actions on an application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import CourseRun
from academy.clinic.forms import ConsultationForm
from academy.core.fields import BoundedModelMultipleChoiceField
from academy.practice.models import PracticalSession, PracticeSettings

CONSENT_TEXT = (
    "I agree to be treated by a trainee practitioner who is learning this procedure, under the "
    "direct supervision of a qualified trainer. I understand that the treatment is part of a "
    "training session, that a trainer may step in or stop the treatment at any time, and that I "
    "may withdraw my consent at any time before the treatment starts."
)


class SessionForm(forms.ModelForm):
    class Meta:
        model = PracticalSession
        fields = [
            "date",
            "starts_at",
            "ends_at",
            "venue",
            "trainers",
            "places",
            "model_slots_per_delegate",
            "notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "trainers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"trainers": BoundedModelMultipleChoiceField}  # ids beyond 64 bits

    def __init__(self, *args: Any, run: CourseRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        self.instance.run = run
        trainers = self.fields["trainers"]
        trainers.queryset = policy.trainers_of_run(run)  # type: ignore[attr-defined]
        trainers.required = True
        trainers.help_text = "Trainers of this run who supervise the session."
        trainers.error_messages["required"] = "Choose at least one of the run's trainers."
        self.fields["places"].min_value = 1  # type: ignore[attr-defined]

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if not (self.run.starts_on <= day <= self.run.ends_on):
            raise forms.ValidationError(
                f"Choose a day of the run ({self.run.starts_on:%d %b %Y} to "
                f"{self.run.ends_on:%d %b %Y})."
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", "The session must end after it starts.")
        return data

    def trainer_list(self) -> list[User]:
        return list(self.cleaned_data["trainers"])


class VolunteerForm(ConsultationForm):
    """The volunteer's application: contact details, explicit consent, and the consultation's
    own screening questions (reused unchanged, so the engine sees the same profile)."""

    full_name = forms.CharField(max_length=150, label="Your full name")
    email = forms.EmailField(label="Your e-mail address")
    phone = forms.CharField(max_length=40, required=False, label="Your phone number")
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "You can apply only if you agree to this."},
    )

    # The consultation's labels speak to a clinician; a volunteer fills this form in person.
    OWN_WORDS = {
        "expects": ("What you hope the treatment will do", "In your own words."),
        "expected_months": ("How long you expect it to last (months)", ""),
        "realistic": ("Do you think what you expect is realistic?", ""),
        "conditions": ("Do any of these apply to you?", ""),
        "had_treatment": (
            "Have you had threads, filler, surgery, or laser, radiofrequency or a similar skin "
            "treatment in an area to be treated?",
            "",
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.OWN_WORDS.items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text

    def contact_fields(self) -> list[forms.BoundField]:
        return [self["full_name"], self["email"], self["phone"]]


class DecisionForm(forms.Form):
    slot = forms.IntegerField(
        required=False, min_value=1, max_value=10000, label="Slot (blank: the first free one)"
    )


class AftercareForm(forms.Form):
    treated_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), label="Treated on"
    )
    indication = forms.ChoiceField(label="Area treated")

    def __init__(self, *args: Any, indications: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indication"].choices = [("", "—"), *indications]  # type: ignore[attr-defined]


class RetentionForm(forms.ModelForm):
    class Meta:
        model = PracticeSettings
        fields = ["model_retention_days"]
        labels = {
            "model_retention_days": "Keep volunteer models' data for (days after the session)"
        }
