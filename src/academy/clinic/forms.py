"""Toolkit forms. Each form turns what was typed into the core's input and maps the core's
field-naming problems back onto the form's fields, so bad input re-renders with messages.
(The aftercare, triage and consent forms are in `care_forms`.)"""

from __future__ import annotations

from typing import Any

from django import forms

from threadlift.assessment import InputProblem, PatientProfile, parse_profile
from threadlift.knowledge import KnowledgeBase
from threadlift.knowledge.vocab import CONCERNS, INDICATION_IDS

BLANK = [("", "—")]
YES_NO = [*BLANK, ("yes", "Yes"), ("no", "No")]
CONCERN_CHOICES = [(c, c.replace("_", " ").capitalize()) for c in CONCERNS]
DCQ_ITEMS = range(1, 8)
BDDQ_SCORED = range(3, 7)


def _choices(values: range) -> list[tuple[str, str]]:
    return [*BLANK, *((str(v), str(v)) for v in values)]


class ConsultationForm(forms.Form):
    """The consultation: patient, skin, areas (laxity 0-4 and concern), conditions, history and
    the two body-dysmorphic screens. Areas left blank are not assessed."""

    age = forms.IntegerField(min_value=18, max_value=120, label="Age (years)")
    sex = forms.ChoiceField(choices=[("female", "Female"), ("male", "Male"), ("other", "Other")])
    fitzpatrick = forms.TypedChoiceField(
        coerce=int, choices=[(str(v), f"Type {v}") for v in range(1, 7)], label="Fitzpatrick type"
    )
    glogau = forms.TypedChoiceField(
        coerce=int,
        choices=[
            ("1", "I - mild"),
            ("2", "II - moderate"),
            ("3", "III - advanced"),
            ("4", "IV - severe"),
        ],
        label="Glogau photoaging",
    )
    bmi = forms.FloatField(min_value=10, max_value=80, label="BMI (kg/m²)")
    smoker = forms.BooleanField(required=False, label="Smoker")
    thickness = forms.ChoiceField(
        choices=[("thin", "Thin"), ("normal", "Normal"), ("thick", "Thick")],
        label="Skin thickness",
        initial="normal",
    )
    photodamage = forms.ChoiceField(
        choices=[(v, v.capitalize()) for v in ("none", "mild", "moderate", "severe")],
        label="Photodamage",
        initial="mild",
    )
    conditions = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Conditions"
    )
    history_area = forms.ChoiceField(required=False, label="Previous treatment: area")
    history_treatment = forms.ChoiceField(
        required=False,
        label="Previous treatment: what",
        choices=[*BLANK, ("threads", "Threads"), ("filler", "Filler"), ("surgery", "Surgery")],
    )
    history_months_ago = forms.FloatField(
        required=False, min_value=0, max_value=1200, label="Previous treatment: months ago"
    )

    def __init__(self, *args: Any, kb: KnowledgeBase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kb = kb
        self.fields["conditions"].choices = [(c.id, c.name) for c in kb.contraindications]  # type: ignore[attr-defined]
        area_choices = [(i.id, i.name) for i in kb.indications]
        self.fields["history_area"].choices = [*BLANK, *area_choices]  # type: ignore[attr-defined]
        for area_id, name in area_choices:
            self.fields[f"laxity_{area_id}"] = forms.ChoiceField(
                required=False, choices=_choices(range(0, 5)), label=f"{name}: laxity"
            )
            self.fields[f"concern_{area_id}"] = forms.ChoiceField(
                required=False, choices=CONCERN_CHOICES, label=f"{name}: concern"
            )
        for n in (1, 2, 7):
            self.fields[f"bddq_q{n}"] = forms.ChoiceField(
                required=False, choices=YES_NO, label=f"BDDQ-AS item {n}"
            )
        for n in BDDQ_SCORED:
            self.fields[f"bddq_q{n}"] = forms.ChoiceField(
                required=False, choices=_choices(range(1, 6)), label=f"BDDQ-AS item {n}"
            )
        for n in DCQ_ITEMS:
            self.fields[f"dcq_{n}"] = forms.ChoiceField(
                required=False, choices=_choices(range(0, 4)), label=f"DCQ item {n}"
            )
        self.profile: PatientProfile | None = None

    # Groups of bound fields, for the template.
    def area_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (i.name, self[f"laxity_{i.id}"], self[f"concern_{i.id}"]) for i in self.kb.indications
        ]

    def bddq_fields(self) -> list[forms.BoundField]:
        return [self[f"bddq_q{n}"] for n in range(1, 8)]

    def dcq_fields(self) -> list[forms.BoundField]:
        return [self[f"dcq_{n}"] for n in DCQ_ITEMS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.profile = parse_profile(self._profile_data(data), self.kb)
        except InputProblem as exc:
            for field, message in exc.problems:
                self.add_error(_form_field(field), message)
        return data

    def _profile_data(self, data: dict[str, Any]) -> dict[str, Any]:
        areas = {
            a: {"laxity": int(data[f"laxity_{a}"]), "concern": data[f"concern_{a}"] or "sagging"}
            for a in INDICATION_IDS
            if data.get(f"laxity_{a}") not in (None, "")
        }
        if not areas:
            self.add_error("laxity_jowl", "Grade the laxity of at least one area.")
        history = []
        parts = [data.get(f"history_{k}") for k in ("area", "treatment", "months_ago")]
        if any(p not in (None, "") for p in parts):
            if any(p in (None, "") for p in parts):
                self.add_error("history_area", "Give the area, the treatment and when, or none.")
            else:
                history.append({"area": parts[0], "treatment": parts[1], "months_ago": parts[2]})
        return {
            "age": data["age"],
            "sex": data["sex"],
            "fitzpatrick": data["fitzpatrick"],
            "glogau": data["glogau"],
            "bmi": data["bmi"],
            "smoker": bool(data.get("smoker")),
            "areas": areas or {"jowl": {"laxity": 0}},
            "skin": {"thickness": data["thickness"], "photodamage": data["photodamage"]},
            "conditions": list(data.get("conditions") or []),
            "history": history,
            "screening": self._screening(data),
        }

    def _screening(self, data: dict[str, Any]) -> dict[str, Any]:
        screening: dict[str, Any] = {}
        bddq = {n: data.get(f"bddq_q{n}") or None for n in range(1, 8)}
        if any(bddq.values()):
            if bddq[1] is None or bddq[2] is None:
                self.add_error("bddq_q1", "Answer BDDQ-AS items 1 and 2 (or leave it all blank).")
            answers: dict[str, Any] = {}
            for n, value in bddq.items():
                if value is not None:
                    answers[f"q{n}"] = value == "yes" if n in (1, 2, 7) else int(value)
            screening["bddq_as"] = {"q1": False, "q2": False, **answers}
        dcq = [data.get(f"dcq_{n}") or None for n in DCQ_ITEMS]
        if any(v is not None for v in dcq):
            if any(v is None for v in dcq):
                self.add_error("dcq_1", "Score all seven DCQ items (or leave them all blank).")
            else:
                screening["dcq"] = [int(v) for v in dcq if v is not None]
        return screening


def _form_field(path: str) -> str | None:
    """The form field for a profile problem path (None: a form-wide error)."""
    head, _, rest = path.partition(".")
    if head == "areas" and rest:
        area, _, attr = rest.partition(".")
        return f"{'concern' if attr == 'concern' else 'laxity'}_{area}"
    if head == "skin":
        return rest or None
    if head == "history":
        return "history_area"
    if head == "conditions":
        return "conditions"
    if head == "screening":
        return "dcq_1" if ".dcq" in f".{rest}" else "bddq_q1"
    return head if head in ConsultationForm.base_fields else None
