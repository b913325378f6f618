"""Template tags that show where a clinical statement comes from and how sure it is."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from threadlift.knowledge import load_knowledge

register = template.Library()

MARK_LABELS = {
    "unconfirmed": (
        "Unconfirmed",
        "bad",
        "Not found in any source consulted; verify before relying on it.",
    ),
    "weak-source": ("Weak source", "warn", "Only a secondary or low-quality source supports this."),
    "manufacturer-claim": ("Manufacturer claim", "warn", "Stated by a manufacturer or vendor."),
}


def _bibliography_url() -> str:
    try:
        return reverse("knowledge:bibliography")
    except NoReverseMatch:
        return ""


@register.simple_tag
def cite(source_id: str) -> str:
    """A bracketed link to the bibliography entry, with the reference as its tooltip."""
    try:
        source = load_knowledge().source(source_id)
        # Unknown authors or years are left empty in the data; never show "None".
        who = " ".join(
            part for part in (source.authors, f"({source.year})" if source.year else None) if part
        )
        title = f"{who}. {source.title}" if who else source.title
    except Exception:  # an unknown id is a data bug the knowledge check reports; show it plainly
        title = "Unknown source id"
    base = _bibliography_url()
    if not base:
        return format_html('<span class="cite" title="{}">[{}]</span>', title, source_id)
    return format_html(
        '<a class="cite" href="{}#{}" title="{}">[{}]</a>', base, source_id, title, source_id
    )


@register.simple_tag
def marks(values: Iterable[str], grade: str = "") -> str:
    """Visible badges for unconfirmed, weak-source and manufacturer-claim marks.

    Pass the record's evidence `grade` where it is shown beside: an `unconfirmed` grade already
    says so, and one claim gets one "unconfirmed" badge, not two.
    """
    if grade == "unconfirmed":
        values = [v for v in values if v != "unconfirmed"]
    return format_html_join(
        " ",
        '<span class="badge {} mark" title="{}">{}</span>',
        (
            (MARK_LABELS[v][1], MARK_LABELS[v][2], MARK_LABELS[v][0])
            for v in values
            if v in MARK_LABELS
        ),
    )


@register.simple_tag
def grade(evidence: str) -> str:
    """A badge with the evidence grade; unconfirmed, manufacturer and opinion stand out."""
    tone = {"unconfirmed": "bad", "manufacturer": "warn", "expert-opinion": "warn"}.get(
        evidence, "info"
    )
    # The visible text is the grade alone; screen readers also hear what it is.
    title, text = "Evidence grade", evidence.replace("-", " ")
    if evidence == "unconfirmed":  # stands for the mark too (see `marks`), with its label
        title = f"Evidence grade: {MARK_LABELS['unconfirmed'][2]}"
        text = MARK_LABELS["unconfirmed"][0]
    return format_html(
        '<span class="badge {} grade" title="{}">'
        '<span class="sr-only">Evidence grade: </span>{}</span>',
        tone,
        title,
        text,
    )
