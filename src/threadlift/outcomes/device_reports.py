"""Prefilled device-incident reports (FDA MedWatch 3500, MHRA Yellow Card) from a complication.

The forms' fields are data (data/device_reports.yaml, with sources and an evidence grade); this
module fills those it can from the case, the product and its batch, and the complication, and
leaves the rest for the clinician. It only builds the text: submitting is the clinician's act.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

EMPTY = "(complete on the form)"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FormField(_Frozen):
    section: str
    label: str
    item: str | None = None
    value: str | None = None  # the key of the facts it is filled from


class ReportForm(_Frozen):
    id: str
    name: str
    authority: str
    submit: str
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    note: str
    fields: tuple[FormField, ...] = Field(min_length=1)


class FilledField(_Frozen):
    section: str
    item: str | None
    label: str
    value: str
    filled: bool


class FilledReport(_Frozen):
    form: ReportForm
    fields: tuple[FilledField, ...]

    def as_text(self) -> str:
        """The report as plain text, section by section, for the clinician to copy."""
        lines = [self.form.name, self.form.authority, "", f"Note: {self.form.note}", ""]
        section = None
        for f in self.fields:
            if f.section != section:
                section = f.section
                lines += ["", section]
            label = f"{f.item} {f.label}" if f.item else f.label
            lines.append(f"  {label}: {f.value}")
        lines += ["", self.form.submit, f"Sources: {', '.join(self.form.sources)}"]
        lines.append("Prepared by Threadlift Academy; not sent to anyone on your behalf.")
        return "\n".join(lines) + "\n"


@functools.cache
def report_forms() -> tuple[ReportForm, ...]:
    text = resources.files("threadlift.outcomes").joinpath("data/device_reports.yaml").read_text()
    return tuple(ReportForm.model_validate(f) for f in yaml.safe_load(text)["forms"])


def report_form(form_id: str) -> ReportForm:
    for form in report_forms():
        if form.id == form_id:
            return form
    raise KeyError(form_id)


def fill(form: ReportForm, facts: Mapping[str, str]) -> FilledReport:
    """Each field with its value from `facts` (by the field's `value` key), or EMPTY."""
    out = []
    for f in form.fields:
        value = facts.get(f.value or "", "") if f.value else ""
        out.append(
            FilledField(
                section=f.section,
                item=f.item,
                label=f.label,
                value=value or EMPTY,
                filled=bool(value),
            )
        )
    return FilledReport(form=form, fields=tuple(out))
