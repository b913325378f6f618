"""Forms of workplace-based assessment: the learner's request, the rating form built from the
cited scale data (threadlift.wba), and the external assessor's statement of who they are."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import CourseRun
from academy.core.fields import BoundedModelChoiceField
from academy.logbook.models import Case
from academy.logbook.wba_models import CASE_KINDS, WbaKind
from threadlift.wba import NOT_OBSERVED, FormSpec, load_forms

WHO = [("trainer", "A trainer of the course run"), ("external", "A supervisor or person by e-mail")]


class WbaRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Assessment", choices=WbaKind.choices)
    case = BoundedModelChoiceField(
        queryset=Case.objects.none(),
        required=False,
        label="Logbook case",
        help_text="A CBD or mini-CEX concerns one of your cases; feedback may concern none.",
    )
    run = BoundedModelChoiceField(
        queryset=CourseRun.objects.none(),
        required=False,
        label="Course run",
        help_text="For feedback without a case: the run (and academy) it counts for.",
    )
    who = forms.ChoiceField(label="Who assesses", choices=WHO, widget=forms.RadioSelect)
    trainer = BoundedModelChoiceField(queryset=User.objects.none(), required=False, label="Trainer")
    assessor_name = forms.CharField(label="Assessor's name", max_length=150, required=False)
    assessor_email = forms.EmailField(label="Assessor's e-mail", required=False)

    def __init__(
        self, *args: Any, cases: QuerySet[Case], runs: QuerySet[CourseRun], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["run"].queryset = runs  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"Case {c.pk}: {c.indication}, {c.date:%d %b %Y} ({c.run.course.title})"
        )
        trainers = User.objects.filter(teaching_runs__in=runs).distinct().order_by("full_name")
        self.fields["trainer"].queryset = trainers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, case, who = data.get("kind"), data.get("case"), data.get("who")
        if kind in CASE_KINDS and case is None and "case" not in self.errors:
            self.add_error("case", "A CBD or mini-CEX concerns one of your logbook cases.")
        if case is not None:
            data["run"] = case.run
        elif data.get("run") is None and "run" not in self.errors:
            self.add_error("run", "Choose the course run this feedback counts for.")
        if who == "trainer":
            if kind not in CASE_KINDS:
                self.add_error("who", "Colleague and patient feedback is asked for by e-mail.")
            trainer, run = data.get("trainer"), data.get("run")
            if trainer is None:
                self.add_error("trainer", "Choose the trainer.")
            elif run is not None and not policy.staffs_run(trainer, run):
                self.add_error("trainer", "Choose one of this run's trainers.")
        elif who == "external":
            if not data.get("assessor_name") and "assessor_name" not in self.errors:
                self.add_error("assessor_name", "Give the assessor's name.")
            if not data.get("assessor_email") and "assessor_email" not in self.errors:
                self.add_error("assessor_email", "Give the assessor's e-mail address.")
        return data


def _scale_choices(spec: FormSpec, *, overall: bool) -> list[tuple[str, str]]:
    scale = load_forms().scale_of(spec)
    choices = [(str(p.value), f"{p.value} — {p.label}") for p in scale.points]
    if not overall or spec.scoring == "care_sum":
        choices.append((NOT_OBSERVED, scale.not_observed))
    return choices


class WbaRatingForm(forms.Form):
    """One radio group per domain of the form, on its published scale; the global item cannot
    be left "not observed" (it is the result)."""

    strengths = forms.CharField(
        label="What went well", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    development = forms.CharField(
        label="Points to develop",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, spec: FormSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        for domain in spec.domains:
            label = domain.label + (" (U)" if domain.unconfirmed else "")
            self.fields[f"domain_{domain.id}"] = forms.ChoiceField(
                label=label,
                choices=_scale_choices(spec, overall=domain.id == spec.overall),
                widget=forms.RadioSelect,
            )
        if spec.assessor == "patient":
            self.fields["strengths"].label = "Anything else you would like to say"
            self.fields["strengths"].required = False

    def domain_fields(self) -> list[forms.BoundField]:
        return [self[f"domain_{d.id}"] for d in self.spec.domains]

    def ratings(self) -> dict[str, str]:
        return {d.id: self.cleaned_data[f"domain_{d.id}"] for d in self.spec.domains}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.spec.scoring == "care_sum" and not self.errors:
            catalogue = load_forms()
            from threadlift.wba import score

            if not score(self.spec, catalogue.scale_of(self.spec), self.ratings()).scored:
                raise forms.ValidationError(
                    "Answer at least eight of the ten questions (two may not apply)."
                )
        return data


class AssessorForm(forms.Form):
    """Who the external assessor is (for a patient: the name only)."""

    assessor_name = forms.CharField(label="Your full name", max_length=150)
    registration_body = forms.CharField(
        label="Professional register",
        max_length=80,
        help_text="The body you are registered with, e.g. GMC, NMC, GDC.",
    )
    registration_number = forms.CharField(label="Registration number", max_length=40)
    relationship = forms.CharField(
        label="Your relationship to the learner",
        max_length=150,
        help_text="e.g. clinical supervisor at the clinic where the case was treated.",
    )

    def __init__(self, *args: Any, patient: bool, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "who")
        super().__init__(*args, **kwargs)
        if patient:
            for name in ("registration_body", "registration_number", "relationship"):
                del self.fields[name]
            self.fields["assessor_name"].label = "Your name"
