"""Model choice fields that refuse ids no row can have (beyond 64-bit integers) as an invalid
choice, before the query: SQLite fails such a query with an overflow instead of finding nothing
(issue 25: a trainers field posted with 2**64 was a 500)."""

from __future__ import annotations

from typing import Any

from django import forms

from academy.core.input_guard import MAX_ID


def _out_of_range(value: Any) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number: Django's own check refuses it
    return not -MAX_ID <= number <= MAX_ID


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _out_of_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and any(_out_of_range(v) for v in value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": "that id"},
            )
        return super().clean(value)
