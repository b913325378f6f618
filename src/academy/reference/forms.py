"""Filter forms of the reference pages (GET). An unknown value is dropped and reported, never
an error page: these are bookmarkable public URLs that people edit by hand."""

from __future__ import annotations

from typing import Any

from django import forms

from academy.reference.selectors import SEVERITIES, STATUSES


class FilterForm(forms.Form):
    """A GET form whose invalid fields are dropped: `filters()` returns the valid values and
    `ignored()` a sentence per dropped value, for the page to show once. The form then
    re-renders with the values actually applied, not the rejected ones."""

    _applied: dict[str, str] | None = None
    _ignored: list[str] = []

    def filters(self) -> dict[str, str]:
        if self._applied is None:
            self.is_valid()
            data: dict[str, Any] = getattr(self, "cleaned_data", {})
            applied = {
                name: data.get(name) or "" for name in self.fields if name not in self.errors
            }
            self._ignored = [
                f"{self.fields[name].label}: {' '.join(map(str, errors))} This filter was ignored."
                for name, errors in self.errors.items()
            ]
            if self.errors:
                self.data = applied
                self._errors = None  # re-validate what is applied, so no error is shown twice
                self.is_valid()
            self._applied = applied
        return self._applied

    def ignored(self) -> list[str]:
        self.filters()
        return self._ignored


class ComplicationSearchForm(FilterForm):
    q = forms.CharField(
        label="Search words",
        required=False,
        max_length=200,
        help_text="Words in the name, signs, red flags, course or management.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    severity = forms.ChoiceField(
        label="Severity",
        required=False,
        choices=[("", "Any severity"), *((s, s.capitalize()) for s in SEVERITIES)],
        help_text="Our triage class, not a published grade.",
    )


class RegulationFilterForm(FilterForm):
    jurisdiction = forms.ChoiceField(label="Jurisdiction", required=False)
    profession = forms.ChoiceField(label="Profession", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *STATUSES.items()],
    )

    def __init__(
        self,
        data: Any,
        *,
        jurisdictions: tuple[tuple[str, str], ...],
        professions: tuple[tuple[str, str], ...],
    ) -> None:
        super().__init__(data)
        jurisdiction = self.fields["jurisdiction"]
        profession = self.fields["profession"]
        assert isinstance(jurisdiction, forms.ChoiceField)
        assert isinstance(profession, forms.ChoiceField)
        jurisdiction.choices = [("", "All jurisdictions"), *jurisdictions]
        profession.choices = [("", "All professions"), *professions]
