"""Forms of a follow-up record: the visit, its complications (a formset) and a photo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.files.base import ContentFile

from academy.core.images import PhotoProblem, clean_photo
from academy.outcomes.models import NotSeenReason, Severity
from academy.outcomes.services import ComplicationEntry
from threadlift.assessment.triage import SYMPTOM_LABELS
from threadlift.knowledge import load_knowledge
from threadlift.outcomes.policy import outcomes_policy

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def complication_choices() -> list[tuple[str, str]]:
    known = [(c.id, c.name) for c in load_knowledge().complications if c.id != "any_complication"]
    return [("", "Choose a complication"), *known]


def satisfaction_choices() -> list[tuple[str, str]]:
    scale = outcomes_policy().satisfaction
    return [("", "Not asked"), *((str(p.value), f"{p.value} — {p.label}") for p in scale.points)]


class FollowUpForm(forms.Form):
    seen = forms.ChoiceField(
        label="Was the patient seen?",
        choices=[("yes", "Yes, seen"), ("no", "No")],
        widget=forms.RadioSelect,
    )
    seen_on = forms.DateField(label="Date seen", required=False, widget=DATE)
    not_seen_reason = forms.ChoiceField(
        label="If not seen, why", required=False, choices=[("", "—"), *NotSeenReason.choices]
    )
    symptoms = forms.MultipleChoiceField(
        label="Symptoms the patient reports",
        required=False,
        choices=list(SYMPTOM_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Triaged when you save; the urgency is kept with the record.",
    )
    satisfaction = forms.TypedChoiceField(
        label=outcomes_policy().satisfaction.question,
        required=False,
        choices=satisfaction_choices,
        coerce=int,
        empty_value=None,
        help_text="A five-point scale in our words (our policy, unconfirmed).",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Private to the case; free text never enters the registry.",
    )
    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text="Private, like the case's photos; metadata is removed on upload.",
    )

    def clean_photo(self) -> tuple[ContentFile[bytes], int, int] | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            return clean_photo(upload)
        except PhotoProblem as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seen") == "yes" and not data.get("seen_on"):
            self.add_error("seen_on", "Give the date the patient was seen.")
        if data.get("seen") == "no" and not data.get("not_seen_reason"):
            self.add_error("not_seen_reason", "Say why the patient was not seen.")
        return data


class ComplicationForm(forms.Form):
    complication = forms.ChoiceField(choices=complication_choices, required=False)
    severity = forms.ChoiceField(choices=[("", "—"), *Severity.choices], required=False)
    onset_day = forms.IntegerField(
        label="Onset (days after the procedure)", required=False, min_value=0, max_value=3650
    )
    management = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolved_on = forms.DateField(label="Resolved on", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("complication"):
            if any(
                data.get(k) not in (None, "")
                for k in ("severity", "onset_day", "management", "resolved_on")
            ):
                self.add_error("complication", "Choose the complication these details describe.")
            return data
        if not data.get("severity"):
            self.add_error("severity", "Give the severity.")
        if data.get("onset_day") is None:
            self.add_error("onset_day", "Give the day of onset.")
        return data

    def entry(self) -> ComplicationEntry | None:
        data = self.cleaned_data
        if not data.get("complication"):
            return None
        return ComplicationEntry(
            complication=data["complication"],
            severity=data["severity"],
            onset_day=data["onset_day"],
            management=data.get("management") or "",
            resolved_on=data.get("resolved_on"),
        )


ComplicationFormSet = forms.formset_factory(
    ComplicationForm, extra=2, max_num=10, validate_max=True
)


def initial_for(item: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A recorded follow-up as the forms' initial data (to record it again)."""
    if not item.is_recorded:
        return {"seen_on": dt.date.today()}, []
    visit = {
        "seen": "yes" if item.status == "seen" else "no",
        "seen_on": item.seen_on,
        "not_seen_reason": item.not_seen_reason,
        "symptoms": item.symptoms,
        "satisfaction": item.satisfaction,
        "notes": item.notes,
    }
    rows = [
        {
            "complication": c.complication,
            "severity": c.severity,
            "onset_day": c.onset_day,
            "management": c.management,
            "resolved_on": c.resolved_on,
        }
        for c in item.complications.all()
    ]
    return visit, rows
