"""Portfolio input with field messages. Choices offer the learner's own records only."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from academy.accounts.models import User
from academy.cpd.models import (
    REFLECTION_LIMIT,
    CreditEntry,
    DevelopmentGoal,
    EntryKind,
    ExternalActivity,
    FeedbackNote,
    Reflection,
)
from academy.cpd.services import ATTACHMENTS
from academy.logbook.models import Case
from academy.logbook.wba_models import WbaAssessment, WbaStatus
from threadlift.content.curriculum import load_content
from threadlift.cpd.policy import cpd_policy
from threadlift.cpd.statement import StatementError, check_request
from threadlift.knowledge import load_knowledge

DATE = forms.DateInput(attrs={"type": "date"})
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class ExternalForm(forms.ModelForm):
    evidence = forms.FileField(
        required=False, help_text="Optional: a certificate (PDF, PNG or JPEG, 5 MB at most)."
    )

    class Meta:
        model = ExternalActivity
        fields = ["title", "provider_name", "date", "hours", "credit_type", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "credit_type": "Participatory: you learned with other people, in person or online. "
            "Self-directed: alone (reading, self-paced e-learning)."
        }


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackNote
        fields = ["source", "received_on", "summary"]
        widgets = {"received_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"summary": "In your words, with nothing that identifies anyone."}


class ReflectionForm(forms.ModelForm):
    code_themes = forms.MultipleChoiceField(
        label="Themes of the Code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(t.id, t.label) for t in cpd_policy().code_themes.themes],
    )

    class Meta:
        model = Reflection
        fields = [
            "nature",
            "learned",
            "changed",
            "code_themes",
            "code_relation",
            "credit",
            "external",
            "case",
            "feedback",
            "assessment",
        ]
        widgets = {
            "nature": TEXTAREA,
            "learned": TEXTAREA,
            "changed": TEXTAREA,
            "code_relation": TEXTAREA,
        }
        labels = {
            "credit": "About a credit",
            "external": "About external CPD",
            "case": "About a logbook case",
            "feedback": "About a piece of feedback",
            "assessment": "About a workplace-based assessment",
        }

    def __init__(self, *args: Any, learner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = f"{REFLECTION_LIMIT} characters at most. Identify no patient or colleague."
        for name in ("nature", "learned", "changed", "code_relation"):
            self.fields[name].help_text = limit
            self.fields[name].widget.attrs["maxlength"] = REFLECTION_LIMIT
        credit = cast(forms.ModelChoiceField, self.fields["credit"])
        credit.queryset = CreditEntry.objects.filter(learner=learner, kind=EntryKind.AWARD)
        credit.label_from_instance = lambda c: f"{c.course_title} ({c.awarded_on:%d %b %Y})"  # type: ignore[method-assign,assignment]
        external = cast(forms.ModelChoiceField, self.fields["external"])
        external.queryset = ExternalActivity.objects.filter(learner=learner)
        case = cast(forms.ModelChoiceField, self.fields["case"])
        case.queryset = Case.objects.filter(learner=learner).order_by("-date")
        case.label_from_instance = lambda c: f"Case #{c.pk}, {c.date:%d %b %Y}"  # type: ignore[method-assign,assignment]
        feedback = cast(forms.ModelChoiceField, self.fields["feedback"])
        feedback.queryset = FeedbackNote.objects.filter(learner=learner)
        assessment = cast(forms.ModelChoiceField, self.fields["assessment"])
        assessment.queryset = WbaAssessment.objects.filter(
            learner=learner, status=WbaStatus.COMPLETED
        ).order_by("-completed_at")
        assessment.label_from_instance = lambda a: (  # type: ignore[method-assign,assignment]
            f"{a.get_kind_display()}, {a.completed_at:%d %b %Y}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if sum(1 for k in ATTACHMENTS if data.get(k)) > 1:
            raise forms.ValidationError("Attach the reflection to one thing at most.")
        return data


def outcome_choices() -> list[tuple[str, Any]]:
    content = load_content(load_knowledge())
    return [("", "My own goal (no curriculum outcome)")] + [
        (m.title, [(o.id, o.text) for o in m.outcomes]) for m in content.modules
    ]


class GoalForm(forms.ModelForm):
    evidence_url = forms.URLField(
        label="Evidence link", required=False, max_length=500, assume_scheme="https"
    )
    outcome_id = forms.ChoiceField(label="Curriculum outcome", required=False, choices=())
    development_outcomes = forms.MultipleChoiceField(
        label="GDC development outcomes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(o.id, o.label) for o in cpd_policy().development_outcomes.outcomes],
    )

    class Meta:
        model = DevelopmentGoal
        fields = [
            "title",
            "outcome_id",
            "development_outcomes",
            "target_date",
            "status",
            "evidence_url",
            "notes",
        ]
        widgets = {"target_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["outcome_id"]).choices = outcome_choices()


def regulator_choices() -> list[tuple[str, str]]:
    return [(r.id, r.name) for r in cpd_policy().regulators]


def role_choices() -> list[tuple[str, Any]]:
    return [("", "Default for the regulator")] + [
        (r.name, [(role.id, role.label) for role in r.roles]) for r in cpd_policy().regulators
    ]


class StatementForm(forms.Form):
    regulator = forms.ChoiceField(choices=regulator_choices)
    role = forms.ChoiceField(choices=role_choices, required=False)
    start = forms.DateField(label="Cycle starts", widget=DATE)
    end = forms.DateField(label="Cycle ends", widget=DATE)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not all(data.get(k) for k in ("regulator", "start", "end")):
            return data
        try:
            check_request(
                cpd_policy(),
                regulator_id=data["regulator"],
                role_id=data.get("role") or "",
                start=data["start"],
                end=data["end"],
                today=self.today,
            )
        except StatementError as exc:
            self.add_error(exc.field, exc.message)
        return data


class ReverseForm(forms.Form):
    reason = forms.CharField(max_length=300, help_text="Why the credit is withdrawn.")
