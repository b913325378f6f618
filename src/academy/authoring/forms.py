"""The editors: a question as structured fields (YAML as an advanced view), a lesson as its
front-matter fields + Markdown, a case (or any item, "advanced") as its YAML text. Each form
composes the curriculum-format text (`source`) and shows the core validator's problems at the
field they name (`attach_problems`)."""

from __future__ import annotations

from typing import Any, cast

import yaml
from django import forms

from academy.authoring.models import MODULE_CHOICES, StatedReference
from threadlift.content import MODULE_IDS, load_content
from threadlift.content.authored import SLUG, AuthoredProblem, lesson_text, to_yaml
from threadlift.content.loader import split_front_matter
from threadlift.content.regions import region_kinds
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.loader import _StrictLoader
from threadlift.knowledge.vocab import VIEWS

OPTION_SLOTS = 6
OPTION_IDS = "abcdef"
TEXTAREA = {"rows": 3}


def outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    content = load_content(load_knowledge())
    return [(m.title, [(o.id, o.text) for o in m.outcomes]) for m in content.modules]


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for rid, kind in sorted(region_kinds().items()):
        grouped.setdefault(kind.capitalize() + "s", []).append((rid, rid.replace("_", " ")))
    return list(grouped.items())


def sources_list(value: str) -> list[str]:
    return [s.strip() for s in value.replace(";", ",").split(",") if s.strip()]


def sources_field() -> forms.CharField:
    return forms.CharField(
        help_text="Source ids, comma-separated: bibliography ids (R30) or your stated references "
        "(ACAD-1). Every id cited in [brackets] must be listed here."
    )


class ItemForm(forms.Form):
    slug = forms.RegexField(
        regex=SLUG,
        max_length=60,
        label="Short name",
        help_text="lower_snake_case (a-z, 0-9, _), unique in your academy; part of the item's id.",
        error_messages={"invalid": "Use a-z, 0-9 and _, starting with a letter."},
    )
    module = forms.ChoiceField(choices=MODULE_CHOICES, help_text="Where the item is placed.")

    # field path of the core's problems -> form field (prefix match, longest first)
    FIELD_MAP: dict[str, str] = {"id": "slug", "module": "module"}

    def source(self) -> str:
        raise NotImplementedError

    def attach_problems(self, problems: tuple[AuthoredProblem, ...]) -> None:
        for p in problems:
            name = self.field_for(p.field)
            exact = name is not None and self.FIELD_MAP.get(p.field) == name
            where = "" if exact or p.field == "-" else f"{p.field}: "
            self.add_error(name, f"{where}{p.message}")

    def field_for(self, path: str) -> str | None:
        for prefix in sorted(self.FIELD_MAP, key=len, reverse=True):
            if path == prefix or path.startswith(prefix + "."):
                name = self.FIELD_MAP[prefix]
                return name if name in self.fields else None
        return None


class SourceForm(ItemForm):
    """Any item as its text in the curriculum format (cases; the advanced view of the others)."""

    source_text = forms.CharField(
        label="Text (curriculum format)",
        widget=forms.Textarea(attrs={"rows": 24, "class": "code", "spellcheck": "false"}),
        strip=False,
    )
    FIELD_MAP = {"id": "slug", "module": "module", "-": "source_text", "": "source_text"}

    def field_for(self, path: str) -> str | None:
        return super().field_for(path) or "source_text"

    def source(self) -> str:
        text: str = self.cleaned_data.get("source_text", "")
        return text


class QuestionForm(ItemForm):
    outcome = forms.ChoiceField(help_text="The learning outcome the item tests.")
    kind = forms.ChoiceField(
        choices=[
            ("single", "Single best answer"),
            ("multiple", "Multiple response"),
            ("hotspot", "Hotspot (click on a face drawing)"),
        ]
    )
    difficulty = forms.TypedChoiceField(
        coerce=int, choices=[(1, "1 easy"), (2, "2 medium"), (3, "3 hard")]
    )
    stem = forms.CharField(widget=forms.Textarea(attrs=TEXTAREA), label="Question (stem)")
    view = forms.ChoiceField(
        choices=[("", "—"), *[(v, v) for v in VIEWS]], required=False, label="Hotspot view"
    )
    answer_inside = forms.MultipleChoiceField(
        required=False,
        label="Correct region(s)",
        help_text="A click inside any of these is correct.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    outside_all_zones = forms.BooleanField(
        required=False, label="The click must also be outside every danger zone"
    )
    explanation = forms.CharField(widget=forms.Textarea(attrs=TEXTAREA))
    sources = sources_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = outcome_choices()
        cast(forms.ChoiceField, self.fields["answer_inside"]).choices = region_choices()
        for i in range(OPTION_SLOTS):
            self.fields[f"option_{i}_text"] = forms.CharField(
                required=False, label=f"Option {OPTION_IDS[i]}"
            )
            self.fields[f"option_{i}_correct"] = forms.BooleanField(required=False, label="Correct")
            self.fields[f"option_{i}_why"] = forms.CharField(
                required=False,
                label="Why it is right or wrong",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.FIELD_MAP = {
            "id": "slug",
            "module": "module",
            "outcome": "outcome",
            "kind": "kind",
            "difficulty": "difficulty",
            "stem": "stem",
            "view": "view",
            "answer": "answer_inside",
            "explanation": "explanation",
            "sources": "sources",
            **{f"options.{i}": f"option_{i}_text" for i in range(OPTION_SLOTS)},
            **{f"options.{i}.why": f"option_{i}_why" for i in range(OPTION_SLOTS)},
            **{f"options.{i}.correct": f"option_{i}_correct" for i in range(OPTION_SLOTS)},
        }

    def option_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"option_{i}_text"], self[f"option_{i}_correct"], self[f"option_{i}_why"])
            for i in range(OPTION_SLOTS)
        ]

    def source(self) -> str:
        d = self.cleaned_data
        data: dict[str, Any] = {
            "module": d.get("module"),
            "outcome": d.get("outcome"),
            "kind": d.get("kind"),
            "difficulty": d.get("difficulty"),
            "stem": d.get("stem", ""),
        }
        if d.get("kind") == "hotspot":
            data["view"] = d.get("view") or None
            answer: dict[str, Any] = {"inside": list(d.get("answer_inside") or [])}
            if d.get("outside_all_zones"):
                answer["outside_all_zones"] = True
            data["answer"] = answer
        else:
            options = []
            for i in range(OPTION_SLOTS):
                text, why = d.get(f"option_{i}_text", ""), d.get(f"option_{i}_why", "")
                if not text and not why:
                    continue
                option: dict[str, Any] = {
                    "id": OPTION_IDS[i],
                    "text": text,
                    "correct": bool(d.get(f"option_{i}_correct")),
                }
                if why:
                    option["why"] = why
                options.append(option)
            data["options"] = options
        data["explanation"] = d.get("explanation", "")
        data["sources"] = sources_list(d.get("sources", ""))
        return to_yaml(data)

    def attach_problems(self, problems: tuple[AuthoredProblem, ...]) -> None:
        # option numbers in the text count the filled slots only: map back to the slots
        filled = [
            i
            for i in range(OPTION_SLOTS)
            if self.cleaned_data.get(f"option_{i}_text") or self.cleaned_data.get(f"option_{i}_why")
        ]
        fixed = []
        for p in problems:
            parts = p.field.split(".")
            if len(parts) >= 2 and parts[0] == "options" and parts[1].isdigit():
                n = int(parts[1])
                if n < len(filled):
                    parts[1] = str(filled[n])
            fixed.append(AuthoredProblem(".".join(parts), p.message))
        super().attach_problems(tuple(fixed))

    @classmethod
    def initial_from(cls, slug: str, module: str, text: str) -> dict[str, Any] | None:
        """The form's initial data from a question's text; None when it does not fit the fields."""
        try:
            data = yaml.load(text, Loader=_StrictLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(data, dict):
            return None
        options = data.get("options") or []
        if not isinstance(options, list) or len(options) > OPTION_SLOTS:
            return None
        given = data.get("answer")
        answer: dict[str, Any] = given if isinstance(given, dict) else {}
        initial: dict[str, Any] = {
            "slug": slug,
            "module": module,
            "outcome": data.get("outcome"),
            "kind": data.get("kind"),
            "difficulty": data.get("difficulty"),
            "stem": data.get("stem", ""),
            "view": data.get("view") or "",
            "answer_inside": list(answer.get("inside") or []),
            "outside_all_zones": bool(answer.get("outside_all_zones")),
            "explanation": data.get("explanation", ""),
            "sources": ", ".join(str(s) for s in data.get("sources") or []),
        }
        for i, option in enumerate(options):
            if not isinstance(option, dict):
                return None
            initial[f"option_{i}_text"] = option.get("text", "")
            initial[f"option_{i}_correct"] = bool(option.get("correct"))
            initial[f"option_{i}_why"] = option.get("why", "")
        return initial


class LessonForm(ItemForm):
    title = forms.CharField(max_length=200)
    outcomes = forms.MultipleChoiceField(
        help_text="The outcomes of its module that the lesson teaches.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sources = sources_field()
    minutes = forms.IntegerField(min_value=1, max_value=240, label="Reading time (minutes)")
    reviewed = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Content last reviewed",
        help_text="Empty: the module's review dates apply.",
    )
    review_by = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Due for review by",
    )
    body = forms.CharField(
        label="Lesson (Markdown)",
        widget=forms.Textarea(attrs={"rows": 22, "class": "code"}),
        strip=False,
    )
    FIELD_MAP = {
        "id": "slug",
        "module": "module",
        "title": "title",
        "outcomes": "outcomes",
        "sources": "sources",
        "minutes": "minutes",
        "reviewed": "reviewed",
        "review_by": "review_by",
        "body": "body",
        "-": "body",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["outcomes"]).choices = outcome_choices()

    def source(self) -> str:
        d = self.cleaned_data
        front = {
            "module": d.get("module"),
            "title": d.get("title", ""),
            "outcomes": list(d.get("outcomes") or []),
            "sources": sources_list(d.get("sources", "")),
            "minutes": d.get("minutes"),
        }
        for name in ("reviewed", "review_by"):
            if d.get(name):
                front[name] = d[name].isoformat()
        return lesson_text(front, d.get("body", ""))

    @classmethod
    def initial_from(cls, slug: str, module: str, text: str) -> dict[str, Any] | None:
        front, body = split_front_matter(text)
        try:
            meta = yaml.load(front or "", Loader=_StrictLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(meta, dict):
            return None
        return {
            "slug": slug,
            "module": module,
            "title": meta.get("title", ""),
            "outcomes": list(meta.get("outcomes") or []),
            "sources": ", ".join(str(s) for s in meta.get("sources") or []),
            "minutes": meta.get("minutes"),
            "reviewed": meta.get("reviewed"),
            "review_by": meta.get("review_by"),
            "body": body,
        }


class ReferenceForm(forms.ModelForm[StatedReference]):
    class Meta:
        model = StatedReference
        fields = ["citation"]
        widgets = {"citation": forms.Textarea(attrs={"rows": 2})}


def valid_module(value: str) -> str:
    return value if value in MODULE_IDS else MODULE_IDS[0]
