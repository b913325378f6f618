"""The learner's evaluation form (one field per question) and the academy's question editor."""

from __future__ import annotations

from typing import Any

from django import forms

from academy.evaluations.models import EvaluationQuestion, QuestionKind
from threadlift.catalog.accreditation import accreditation_policy


def field_name(question: EvaluationQuestion) -> str:
    return f"q{question.pk}"


class EvaluationForm(forms.Form):
    def __init__(self, *args: Any, questions: list[EvaluationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        scale = [
            (str(p.value), f"{p.value} — {p.label}")
            for p in accreditation_policy().evaluation.scale
        ]
        for q in questions:
            field: forms.Field
            if q.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(choices=scale, widget=forms.RadioSelect)
            elif q.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(
                    choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
            field.label = q.text
            field.required = q.required
            self.fields[field_name(q)] = field

    def answers(self) -> dict[int, str]:
        return {q.pk: str(self.cleaned_data.get(field_name(q)) or "") for q in self.questions}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = EvaluationQuestion
        fields = ["position", "kind", "text", "required"]
        labels = {"position": "Order", "required": "An answer is required"}


QuestionFormSet = forms.modelformset_factory(
    EvaluationQuestion, form=QuestionForm, extra=1, can_delete=True, max_num=30
)
