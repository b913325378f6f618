from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from academy.catalog.models import Course
from academy.credentials import requirements
from academy.credentials.models import AcademyCertificateLook, CertificatePolicy, CompletionRule
from academy.learning import content as learning_content
from academy.simulator.content import exercises
from threadlift.credentials.credential import DOPS_LEVELS
from threadlift.wba import load_forms


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit trail and shown on the public verification page.",
    )


class RevokeForm(ReasonForm):
    confirm = forms.BooleanField(
        label="I understand that revocation is permanent: the certificate cannot be restored.",
        error_messages={"required": "Tick the box to confirm the revocation."},
    )


class SearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label="Search learner or course")


PARAM_LABELS = {
    "module": "Module",
    "exercise": "Simulator exercise",
    "count": "Number of signed cases",
    "level": "Lowest DOPS level",
    "sessions": "Number of practical sessions",
    "wba_form": "Assessment form",
    "wba_min_overall": "Lowest overall result (0: any)",
    "wba_confirmed_only": "Count only verified assessors",
}


class RuleForm(forms.Form):
    """One field per parameter; each kind reads only its own (the others are ignored)."""

    kind = forms.ChoiceField(label="Kind of requirement")
    label = forms.CharField(
        max_length=160,
        required=False,
        help_text="What the learner sees in the checklist (empty: a wording made from the kind).",
    )
    module = forms.ChoiceField(
        required=False, label=PARAM_LABELS["module"], help_text="For “A module's exam passed”."
    )
    exercise = forms.ChoiceField(
        required=False,
        label=PARAM_LABELS["exercise"],
        help_text="For “A simulator exercise mastered”.",
    )
    count = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=999,
        label=PARAM_LABELS["count"],
        help_text="For “Logbook cases signed by a trainer on the run”.",
    )
    level = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label=PARAM_LABELS["level"],
        choices=[("", "—")] + [(n, f"{n} — {text}") for n, text in DOPS_LEVELS.items()],
        help_text="For “A DOPS signed at a level or above” (ISCP global rating).",
    )
    sessions = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        label=PARAM_LABELS["sessions"],
        help_text="For “Practical sessions attended”.",
    )

    wba_form = forms.ChoiceField(
        required=False,
        label=PARAM_LABELS["wba_form"],
        choices=lambda: [("", "—"), *((f.id, f.name) for f in load_forms().forms)],
        help_text="For “Workplace-based assessments completed”.",
    )
    wba_min_overall = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=50,
        label=PARAM_LABELS["wba_min_overall"],
        help_text="On the form's own scale (mini-CEX 1-9, CBD and MSF 1-6, CARE 10-50).",
    )
    wba_confirmed_only = forms.BooleanField(
        required=False,
        label=PARAM_LABELS["wba_confirmed_only"],
        help_text="External assessors count once the academy has confirmed them.",
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        self.module_titles = {
            view.module.id: view.module.title
            for view in learning_content.modules_for_course(course)
        }
        self.exercise_titles = {ex.id: ex.title for ex in exercises()}
        self._choices("kind", [(k.kind, k.label) for k in requirements.kinds()])
        self._choices("module", [("", "—"), *self.module_titles.items()])
        self._choices("exercise", [("", "—"), *self.exercise_titles.items()])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def params(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in requirements.kind_params(data.get("kind", ""))
            if data.get(name) not in (None, "")
        }

    def _default_label(self, kind: str, params: dict[str, object]) -> str:
        if kind == "module_passed":
            return f"Exam passed: {self.module_titles.get(str(params['module']), '')}"
        if kind == "simulator_mastered":
            return f"Simulator: {self.exercise_titles.get(str(params['exercise']), '')} mastered"
        if kind == "cases_signed":
            return f"{params['count']} logbook cases signed by a trainer"
        if kind == "dops_level":
            return f"A DOPS signed at level {params['level']} or above"
        if kind == "wba_completed":
            return f"{params['count']} × {load_forms().form(str(params['wba_form'])).name}"
        if kind == "attendance":
            n = params["sessions"]
            return f"{n} practical session{'s' if n != 1 else ''} attended"
        return requirements.kind_label(kind)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if not kind:
            return data
        params = self.params()
        for name in requirements.kind_params(kind):
            if name not in params and name not in self.errors:
                self.add_error(name, f"“{requirements.kind_label(kind)}” needs this.")
        if self.errors:
            return data
        for name, message in requirements.params_problems(self.course, kind, params).items():
            self.add_error(name if name in self.fields else None, message)
        if self.errors:
            return data
        if not data.get("label"):
            data["label"] = self._default_label(kind, params)
        label = data["label"].strip().casefold()
        # The academy's own requirements differ by their wording; the others by what they ask.
        same = [
            rule
            for rule in CompletionRule.objects.filter(course=self.course, kind=kind)
            if (rule.label.strip().casefold() == label)
            or (kind != "academy_requirement" and rule.params == params)
        ]
        if same:
            field = (requirements.kind_params(kind) or ("label",))[0]
            self.add_error(field, f"This course already has this requirement: “{same[0].label}”.")
        return data


class PolicyForm(forms.ModelForm):
    class Meta:
        model = CertificatePolicy
        fields = ["approval_required", "renewal_months"]


IMAGE_LIMIT_BYTES = 1024 * 1024
IMAGE_MAX_SIDE = 4000


def _clean_image(upload: UploadedFile | None, *, longest: int) -> ContentFile | None:
    """A PNG or JPEG of at most 1 MB, re-encoded as a PNG at most `longest` pixels wide or high:
    only the pixels are kept (no metadata, nothing else hidden in the file)."""
    if upload is None or not hasattr(upload, "size"):
        return None
    from PIL import Image, UnidentifiedImageError

    from academy.core.images import pixels_only

    if upload.size is None or upload.size > IMAGE_LIMIT_BYTES:
        raise forms.ValidationError("The image must be 1 MB or smaller.")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in ("PNG", "JPEG"):
                raise forms.ValidationError("Upload a PNG or JPEG image.")
            if max(width, height) > IMAGE_MAX_SIDE or min(width, height) < 16:
                raise forms.ValidationError("The image must be 16 to 4000 pixels on each side.")
            probe.load()
            image = probe.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise forms.ValidationError("This file is not a readable PNG or JPEG image.") from None
    image.thumbnail((longest, longest))
    out = io.BytesIO()
    pixels_only(image).save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name="image.png")


class CertificateLookForm(forms.ModelForm):
    logo = forms.FileField(
        required=False, help_text="PNG or JPEG, up to 1 MB. Printed at the top of the certificate."
    )
    signature = forms.FileField(
        required=False,
        help_text="PNG or JPEG of the signature, up to 1 MB (a transparent PNG looks best). "
        "It is printed on the certificate only and never published on a web page.",
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the logo")
    remove_signature = forms.BooleanField(required=False, label="Remove the signature image")

    class Meta:
        model = AcademyCertificateLook
        fields = ["signatory_name", "signatory_role"]

    def clean_logo(self) -> ContentFile | None:
        return _clean_image(self.cleaned_data.get("logo"), longest=800)

    def clean_signature(self) -> ContentFile | None:
        return _clean_image(self.cleaned_data.get("signature"), longest=800)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_signature = data.get("signature") or (
            self.instance.signature and not data.get("remove_signature")
        )
        if has_signature and not data.get("signatory_name"):
            self.add_error("signatory_name", "Say whose signature this is.")
        return data
