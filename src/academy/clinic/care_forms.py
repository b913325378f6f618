"""Forms of the aftercare, triage and consent pages. Each turns what was typed into the core's
input; the consent form maps the core's field-naming problems back onto its fields, so bad
input re-renders with messages. All are POSTed: clinical details never sit in a URL."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from threadlift.assessment import InputProblem
from threadlift.assessment.consent import MAX_TEXT, ConsentDocument, consent_document
from threadlift.assessment.triage import MAX_DAYS, SYMPTOM_LABELS
from threadlift.knowledge import KnowledgeBase
from threadlift.knowledge.vocab import DESIGN_IDS, SYMPTOMS

FORMATS = [("", "page"), ("pdf", "PDF"), ("ics", "calendar")]


class AftercareForm(forms.Form):
    procedure_date = forms.DateField(
        label="Procedure date", widget=forms.DateInput(attrs={"type": "date"})
    )
    indication = forms.ChoiceField(label="Indication")
    designs = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Thread designs used",
        help_text="Design-specific advice (e.g. after cone sutures) is given only for these.",
    )
    clinic_contact = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        label="Clinic contact details",
        help_text="Printed under the red flags: whom the patient calls at once.",
    )
    patient_ref = forms.CharField(
        required=False,
        max_length=100,
        label="Patient reference (not stored)",
        help_text="Keeps calendar entries of different patients apart; use the same one to "
        "update a patient's calendar rather than duplicate it.",
    )
    format = forms.ChoiceField(required=False, choices=FORMATS, widget=forms.HiddenInput)

    def __init__(self, *args: Any, kb: KnowledgeBase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indication"].choices = [(i.id, i.name) for i in kb.indications]  # type: ignore[attr-defined]
        self.fields["designs"].choices = [  # type: ignore[attr-defined]
            (d.id, d.name) for d in kb.designs if d.id in DESIGN_IDS
        ]

    def clean_procedure_date(self) -> date:
        value: date = self.cleaned_data["procedure_date"]
        if not 1900 <= value.year <= 2200:
            raise forms.ValidationError("Give a date between 1900 and 2200.")
        return value


class TriageForm(forms.Form):
    days = forms.IntegerField(min_value=0, max_value=MAX_DAYS, label="Days since the procedure")
    symptoms = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[(s, SYMPTOM_LABELS[s]) for s in SYMPTOMS],
        label="Symptoms",
        error_messages={"required": "Tick at least one symptom."},
    )


class ConsentForm(forms.Form):
    """The planned procedure: area, products, who performs it and whom to call."""

    indication = forms.ChoiceField(label="Indication")
    products = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Products",
        error_messages={"required": "Tick at least one product."},
    )
    clinician = forms.CharField(max_length=MAX_TEXT, label="Clinician performing the procedure")
    clinic_contact = forms.CharField(
        max_length=MAX_TEXT,
        label="Clinic emergency contact",
        help_text="Name, telephone and hours: printed where the patient looks when worried.",
    )
    patient_name = forms.CharField(
        required=False, max_length=MAX_TEXT, label="Patient name (not stored)"
    )
    format = forms.ChoiceField(required=False, choices=FORMATS[:2], widget=forms.HiddenInput)

    def __init__(self, *args: Any, kb: KnowledgeBase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kb = kb
        self.fields["indication"].choices = [(i.id, i.name) for i in kb.indications]  # type: ignore[attr-defined]
        self.fields["products"].choices = [  # type: ignore[attr-defined]
            (p.id, f"{p.name} - {p.manufacturer}") for p in kb.products
        ]
        self.document: ConsentDocument | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.document = consent_document(
                self.kb,
                indication=data["indication"],
                products=data["products"],
                clinician=data["clinician"],
                clinic_contact=data["clinic_contact"],
                patient_name=data.get("patient_name"),
            )
        except InputProblem as exc:
            for field, message in exc.problems:
                name = field.partition(".")[0]
                self.add_error(name if name in self.fields else None, message)
        return data
