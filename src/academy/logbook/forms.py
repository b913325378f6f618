"""Forms of the logbook: the case (with its products formset), amendments, photos, DOPS."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.db.models import QuerySet

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import Course, CourseRun
from academy.core.fields import BoundedModelChoiceField
from academy.logbook.models import Case, CaseProduct, CompetencyRule
from academy.logbook.plans import MAX_PLAN_CHARS, PlanProblem, check_plan, reference_plan_json
from academy.logbook.vocab import (
    DOPS_DOMAINS,
    HANDS_ON_LEVELS,
    OSCORE_SCALE,
    OverallLevel,
    Setting,
)
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import INDICATION_IDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def indication_choices() -> list[tuple[str, str]]:
    kb = load_knowledge()
    return [(i, kb.indication(i).name) for i in INDICATION_IDS]


def complication_choices() -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in load_knowledge().complications if c.id != "any_complication"]


def product_choices() -> list[tuple[str, str]]:
    products = [(p.id, f"{p.name} ({p.manufacturer})") for p in load_knowledge().products]
    return [("", "Choose a product"), *products]


CASE_FIELDS = [
    "run",
    "date",
    "setting",
    "clinic_name",
    "supervision",
    "indication",
    "anaesthesia",
    "consent_confirmed",
    "outcome",
    "complications",
    "notes",
]


class CaseForm(forms.ModelForm):
    indication = forms.ChoiceField(choices=indication_choices)
    complications = forms.MultipleChoiceField(
        choices=complication_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the knowledge base's list of thread-lift complications.",
    )
    reference = forms.ChoiceField(
        label="Start from a reference plan",
        required=False,
        choices=lambda: [("", "—"), *((n, n) for n in reference_plan_json())],
        help_text="Choose one to fill the plan below, then edit it.",
    )
    plan_text = forms.CharField(
        label="Thread plan (plan JSON)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "mono"}),
        help_text="The plan is checked and scored by the plan engine when you save.",
    )

    class Meta:
        model = Case
        fields = CASE_FIELDS
        widgets = {
            "date": DATE,
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"consent_confirmed": "Written consent was confirmed before the procedure"}

    def __init__(self, *args: Any, runs: QuerySet[CourseRun], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs  # type: ignore[attr-defined]
        if not self.instance.pk and len(choices := list(runs[:2])) == 1:
            self.initial.setdefault("run", choices[0].pk)
        self.fields["run"].label = "Course run"
        self.fields["clinic_name"].help_text = "Where the procedure took place (patients)."
        self.plan_json: dict[str, Any] | None = None
        self.score_json: dict[str, Any] | None = None
        if self.instance.pk and not self.is_bound:
            self.initial["plan_text"] = json.dumps(self.instance.plan, indent=1)

    def _canvas_plan(self, indication: str | None) -> str:
        """The plan drawn on the canvas (hidden input `plan`), when it has threads; the canvas
        draws for the indication the page was opened with, the case's indication is the form's."""
        plan = _drawn_threads(str(self.data.get("plan") or "")[:MAX_PLAN_CHARS])
        if plan is None:
            return ""
        if indication:
            plan["indication"] = indication
        return json.dumps(plan)

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError("A case is logged after it happened: not in the future.")
        if day.year < 2000:
            raise forms.ValidationError("Give the date of the case.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("plan_text") or "").strip()
        drawn = self._canvas_plan(data.get("indication"))
        if drawn:
            text = drawn
            data_copy = self.data.copy()  # type: ignore[attr-defined]
            data_copy[self.add_prefix("plan_text")] = text
            self.data = data_copy
        if not text and data.get("reference"):
            text = reference_plan_json()[data["reference"]]
            data_copy = self.data.copy()  # type: ignore[attr-defined]
            data_copy[self.add_prefix("plan_text")] = text
            self.data = data_copy
        if not text:
            self.add_error("plan_text", "Give the thread plan (choose a reference plan to start).")
        else:
            try:
                self.plan_json, self.score_json = check_plan(text)
            except PlanProblem as exc:
                self.add_error("plan_text", str(exc))
        if (
            self.plan_json
            and data.get("indication")
            and (self.plan_json.get("indication") != data["indication"])
        ):
            self.add_error("plan_text", "The plan's indication is not the case's indication.")
        if data.get("supervision") in HANDS_ON_LEVELS and not data.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed",
                "A case you assisted with or performed is saved only with consent confirmed.",
            )
        if data.get("setting") == Setting.PATIENT and not data.get("clinic_name"):
            self.add_error("clinic_name", "Name the clinic where the patient was treated.")
        return data


def _drawn_threads(raw: str) -> dict[str, Any] | None:
    try:
        plan = json.loads(raw) if raw else None
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(plan, dict) and isinstance(plan.get("threads"), list) and plan["threads"]:
        return plan
    return None


class ProductForm(forms.ModelForm):
    product = forms.ChoiceField(choices=product_choices)

    class Meta:
        model = CaseProduct
        fields = ["product", "batch", "expiry", "quantity"]
        widgets = {"expiry": DATE}

    def __init__(self, *args: Any, case_date: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_date = case_date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        expiry = data.get("expiry")
        if expiry and self.case_date and expiry < self.case_date:
            self.add_error("expiry", "This product had expired on the date of the case.")
        return data


class BaseProductFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args: Any, case_date: dt.date | None = None, **kwargs: Any) -> None:
        self.case_date = case_date
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "case_date": self.case_date}

    def clean(self) -> None:
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError("Record at least one product with its batch number.")


ProductFormSet = forms.inlineformset_factory(
    Case,
    CaseProduct,
    form=ProductForm,
    formset=BaseProductFormSet,
    extra=2,
    max_num=10,
    validate_max=True,
    can_delete=True,
)


class AmendmentForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the amendment",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the case's history with what changed, who and when.",
    )


class PhotoForm(forms.Form):
    kind = forms.ChoiceField(choices=[("before", "Before"), ("after", "After")])
    image = forms.FileField(label="Photo (JPEG, PNG or WebP, at most 10 MB)")


class DopsRequestForm(forms.Form):
    """A learner asks one of the run's trainers (of the run's academy, never the learner
    themselves) to assess a case."""

    trainer = BoundedModelChoiceField(queryset=User.objects.none(), label="Trainer to assess")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainers = policy.trainers_of_run(case.run).exclude(pk=case.learner_id)
        self.fields["trainer"].queryset = trainers  # type: ignore[attr-defined]


class DopsForm(forms.Form):
    overall = forms.TypedChoiceField(
        label="Overall (ISCP DOPS global level)", coerce=int, choices=OverallLevel.choices
    )
    strengths = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    development = forms.CharField(
        label="Points to develop", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DOPS_DOMAINS:
            self.fields[f"domain_{key}"] = forms.ChoiceField(
                label=label, choices=OSCORE_SCALE, widget=forms.RadioSelect
            )

    def domain_fields(self) -> list[forms.BoundField]:
        return [self[f"domain_{key}"] for key, _ in DOPS_DOMAINS]

    def ratings(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"domain_{key}"] for key, _ in DOPS_DOMAINS}


class RuleForm(forms.ModelForm):
    indication = forms.ChoiceField(
        choices=lambda: [("", "Any"), *indication_choices()], required=False
    )

    class Meta:
        model = CompetencyRule
        fields = ["kind", "count", "supervision", "indication", "min_level", "min_trainers"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "cases" and not data.get("supervision"):
            self.add_error("supervision", "A case rule names a supervision level.")
        if data.get("kind") == "dops" and data.get("min_level") is None:
            self.add_error("min_level", "A DOPS rule names the overall level to reach.")
        return data


RuleFormSet = forms.inlineformset_factory(
    Course,
    CompetencyRule,
    form=RuleForm,
    extra=2,
    max_num=30,
    validate_max=True,
    can_delete=True,
)
