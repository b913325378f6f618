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
CONCERN_CHOICES = [*BLANK, *((c, c.replace("_", " ").capitalize()) for c in CONCERNS)]
DCQ_ITEMS = range(1, 8)
BDDQ_SCORED = range(3, 7)
ANSWER = "Answer yes or no."
# Yes/no questions of the pre-treatment history: form field -> (label, profile flag path).
MEDICAL = {
    "allergy_local_anaesthetic": "Allergy to local anaesthetic",
    "allergy_polymer": "Allergy to a thread polymer (PDO, PLLA, PCL, …)",
    "allergy_other_any": "Any other allergy",
    "isotretinoin_last_6_months": "Isotretinoin in the last 6 months",
    "recent_dental_treatment_or_infection": "Recent dental treatment or dental infection",
    "cold_sores_in_area": "Cold sores (herpes) in or near a treatment area",
    "permanent_filler_in_area": "Permanent filler in a treatment area",
}


def _choices(values: range) -> list[tuple[str, str]]:
    return [*BLANK, *((str(v), str(v)) for v in values)]


def _yes_no(label: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=YES_NO, label=label, required=required, error_messages={"required": ANSWER}
    )


def _required(label: str, choices: list[tuple[str, str]], **kwargs: Any) -> forms.ChoiceField:
    """A select that starts on "—": nothing clinical is pre-selected, a skip is an error."""
    return forms.ChoiceField(choices=[*BLANK, *choices], label=label, **kwargs)


class ConsultationForm(forms.Form):
    """The consultation: patient, skin, areas (laxity 0-4 and concern), conditions, history,
    the pre-treatment history, expectations and the two body-dysmorphic screens.

    Nothing clinical is pre-selected: every select starts blank and every yes/no must be
    answered, so a skipped field is an error, never a silent "no". Areas left blank are not
    assessed."""

    age = forms.IntegerField(min_value=18, max_value=120, label="Age (years)")
    sex = _required("Sex", [("female", "Female"), ("male", "Male"), ("other", "Other")])
    fitzpatrick = _required("Fitzpatrick type", [(str(v), f"Type {v}") for v in range(1, 7)])
    glogau = _required(
        "Glogau photoaging",
        [("1", "I - mild"), ("2", "II - moderate"), ("3", "III - advanced"), ("4", "IV - severe")],
    )
    bmi = forms.FloatField(min_value=10, max_value=80, label="BMI (kg/m²)")
    smoker = _yes_no("Smoker")
    thickness = _required(
        "Skin thickness", [("thin", "Thin"), ("normal", "Normal"), ("thick", "Thick")]
    )
    photodamage = _required(
        "Photodamage", [(v, v.capitalize()) for v in ("none", "mild", "moderate", "severe")]
    )
    conditions = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Conditions"
    )
    no_conditions = forms.BooleanField(required=False, label="None of these conditions applies")
    had_treatment = _yes_no(
        "Previous threads, filler, surgery or energy-device treatment in an area being assessed?"
    )
    history_area = forms.ChoiceField(required=False, label="Previous treatment: area")
    history_treatment = forms.ChoiceField(
        required=False,
        label="Previous treatment: what",
        choices=[
            *BLANK,
            ("threads", "Threads"),
            ("filler", "Filler"),
            ("surgery", "Surgery"),
            ("energy_device", "Energy device (RF, laser, IPL, HIFU, microneedling)"),
        ],
    )
    history_months_ago = forms.FloatField(
        required=False, min_value=0, max_value=1200, label="Previous treatment: months ago"
    )
    history_material = forms.ChoiceField(required=False, label="Thread material (threads only)")
    allergy_other_details = forms.CharField(
        required=False, max_length=300, label="Other allergy: which"
    )
    expects = forms.CharField(
        max_length=1000,
        label="What the patient expects",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="In the patient's words.",
    )
    expected_months = forms.FloatField(
        min_value=0, max_value=1200, label="How long they expect it to last (months)"
    )
    realistic = _yes_no("Having discussed it, are these expectations realistic?")

    def __init__(self, *args: Any, kb: KnowledgeBase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kb = kb
        self.fields["conditions"].choices = [(c.id, c.name) for c in kb.contraindications]  # type: ignore[attr-defined]
        area_choices = [(i.id, i.name) for i in kb.indications]
        self.fields["history_area"].choices = [*BLANK, *area_choices]  # type: ignore[attr-defined]
        self.fields["history_material"].choices = [  # type: ignore[attr-defined]
            *BLANK,
            *((m.id, m.name) for m in kb.materials),
            ("unknown", "Not known"),
        ]
        for name, label in MEDICAL.items():
            self.fields[name] = _yes_no(label)
        for area_id, name in area_choices:
            self.fields[f"laxity_{area_id}"] = forms.ChoiceField(
                required=False, choices=_choices(range(0, 5)), label=f"{name}: laxity"
            )
            self.fields[f"concern_{area_id}"] = forms.ChoiceField(
                required=False, choices=CONCERN_CHOICES, label=f"{name}: concern"
            )
        bddq, dcq = kb.instrument("bddq_as"), kb.instrument("dcq")
        texts = {i.number: i.text for i in bddq.items}
        for n in range(1, 8):
            choices = YES_NO if n in (1, 2, 7) else _choices(range(1, 6))
            self.fields[f"bddq_q{n}"] = forms.ChoiceField(
                required=False, choices=choices, label=f"BDDQ-AS item {n}: {texts.get(n) or ''}"
            )
        anchors = {"0": "0 - not at all", "3": "3 - much more than most people"}
        dcq_choices = [*BLANK, *((str(v), anchors.get(str(v), str(v))) for v in range(0, 4))]
        texts = {i.number: i.text for i in dcq.items}
        for n in DCQ_ITEMS:
            self.fields[f"dcq_{n}"] = forms.ChoiceField(
                required=False, choices=dcq_choices, label=f"DCQ item {n}: {texts.get(n) or ''}"
            )
        self._require_what_the_answers_ask_for()
        self.profile: PatientProfile | None = None

    def _require_what_the_answers_ask_for(self) -> None:
        """Follow-up fields are required when the answer before them asks for them, and on an
        empty form (so that none is labelled optional); "None of these" frees the conditions."""
        answers = self.data if self.is_bound else {}
        treated = not self.is_bound or answers.get("had_treatment") == "yes"
        for name in ("history_area", "history_treatment", "history_months_ago"):
            self.fields[name].required = treated
            self.fields[name].error_messages["required"] = "Give the area, the treatment and when."
        threads = not self.is_bound or (treated and answers.get("history_treatment") == "threads")
        self.fields["history_material"].required = threads
        self.fields["history_material"].error_messages["required"] = (
            'Choose the material, or "Not known".'
        )
        other = not self.is_bound or answers.get("allergy_other_any") == "yes"
        self.fields["allergy_other_details"].required = other
        self.fields["allergy_other_details"].error_messages["required"] = "Name the other allergy."
        self.fields["conditions"].required = not (self.is_bound and answers.get("no_conditions"))
        self.fields["conditions"].error_messages["required"] = (
            'Tick the conditions that apply, or "None of these".'
        )

    # Groups of bound fields, for the template.
    def area_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (i.name, self[f"laxity_{i.id}"], self[f"concern_{i.id}"]) for i in self.kb.indications
        ]

    def medical_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MEDICAL]

    def bddq_fields(self) -> list[forms.BoundField]:
        return [self[f"bddq_q{n}"] for n in range(1, 8)]

    def dcq_fields(self) -> list[forms.BoundField]:
        return [self[f"dcq_{n}"] for n in DCQ_ITEMS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conditions") and data.get("no_conditions"):
            self.add_error("conditions", 'Conditions are ticked: untick "None of these".')
        elif not (
            data.get("conditions") or data.get("no_conditions") or self.has_error("conditions")
        ):
            self.add_error("conditions", 'Tick the conditions that apply, or "None of these".')
        if self.errors:
            return data
        profile = self._profile_data(data)
        if self.errors:
            return data
        try:
            self.profile = parse_profile(profile, self.kb)
        except InputProblem as exc:
            for field, message in exc.problems:
                self.add_error(_form_field(field), message)
        return data

    def _profile_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "age": data["age"],
            "sex": data["sex"],
            "fitzpatrick": int(data["fitzpatrick"]),
            "glogau": int(data["glogau"]),
            "bmi": data["bmi"],
            "smoker": data["smoker"] == "yes",
            "areas": self._areas(data),
            "skin": {"thickness": data["thickness"], "photodamage": data["photodamage"]},
            "conditions": self._conditions(data),
            "history": self._history(data),
            "screening": self._screening(data),
            "medical": self._medical(data),
            "expectations": {
                "expects": data["expects"],
                "expected_months": data["expected_months"],
                "realistic": data["realistic"] == "yes",
            },
        }

    def _areas(self, data: dict[str, Any]) -> dict[str, Any]:
        areas: dict[str, Any] = {}
        for a in INDICATION_IDS:
            laxity, concern = data.get(f"laxity_{a}") or "", data.get(f"concern_{a}") or ""
            if laxity and not concern:
                self.add_error(f"concern_{a}", "Choose the main concern for this area.")
            elif concern and not laxity:
                self.add_error(f"laxity_{a}", "Grade the laxity, or leave the concern blank.")
            elif laxity:
                areas[a] = {"laxity": int(laxity), "concern": concern}
        if not areas and not any(f"_{a}" in f for a in INDICATION_IDS for f in self.errors):
            self.add_error("laxity_jowl", "Grade the laxity of at least one area.")
        return areas

    def _conditions(self, data: dict[str, Any]) -> list[str]:
        return list(data.get("conditions") or [])

    def _history(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        keys = ("area", "treatment", "months_ago")
        parts = [data.get(f"history_{k}") for k in keys]
        material = data.get("history_material") or ""
        if data["had_treatment"] == "no":
            if any(p not in (None, "") for p in parts) or material:
                self.add_error("history_area", 'You answered "no": clear these, or answer yes.')
            return []
        item: dict[str, Any] = dict(zip(keys, parts, strict=True))
        if item["treatment"] == "threads" and material != "unknown":
            item["material"] = material
        elif item["treatment"] != "threads" and material:
            self.add_error("history_material", "A material is recorded for threads only.")
        return [item]

    def _medical(self, data: dict[str, Any]) -> dict[str, Any]:
        other = (data.get("allergy_other_details") or "").strip()
        if data["allergy_other_any"] == "no" and other:
            self.add_error("allergy_other_details", 'You answered "no": clear this, or answer yes.')
        yes = {name: data[name] == "yes" for name in MEDICAL}
        return {
            "allergies": {
                "local_anaesthetic": yes["allergy_local_anaesthetic"],
                "polymer": yes["allergy_polymer"],
                "other": other if yes["allergy_other_any"] else "",
            },
            **{name: yes[name] for name in MEDICAL if not name.startswith("allergy_")},
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


PROFILE_FIELDS = {
    "expectations.expects": "expects",
    "expectations.expected_months": "expected_months",
    "medical.allergies.other": "allergy_other_details",
}


def _form_field(path: str) -> str | None:
    """The form field for a profile problem path (None: a form-wide error)."""
    if path in PROFILE_FIELDS:
        return PROFILE_FIELDS[path]
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
