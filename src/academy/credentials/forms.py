from __future__ import annotations

import json

from django import forms

from academy.credentials import requirements
from academy.credentials.models import CertificatePolicy


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit trail.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Search learner or course")


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of requirement")
    label = forms.CharField(max_length=160, help_text="What the learner sees in the checklist.")
    params = forms.CharField(
        required=False,
        max_length=2000,
        label="Parameters (JSON)",
        help_text='For kinds that need them, e.g. {"module": "anatomy-1"}. Leave empty otherwise.',
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.kind, k.label) for k in requirements.kinds()]

    def clean_params(self) -> dict:
        raw = self.cleaned_data["params"].strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError('Enter a JSON object, e.g. {"module": "x"}.') from None
        if not isinstance(value, dict):
            raise forms.ValidationError("Enter a JSON object (in curly brackets).")
        return value

    def clean(self) -> dict:
        data = super().clean() or {}
        if "kind" in data and "params" in data:
            problem = requirements.params_problem(data["kind"], data["params"])
            if problem:
                self.add_error("params", problem)
        return data


class PolicyForm(forms.ModelForm):
    class Meta:
        model = CertificatePolicy
        fields = [
            "approval_required",
            "renewal_months",
            "supervised_cases",
            "dops_level",
            "criteria",
        ]
