"""One `words` filter for every page: identifiers in words, the case left to the template."""

from __future__ import annotations

from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load wording %}" + source).render(Context(context))


def test_words_turns_underscores_and_hyphens_into_spaces_and_keeps_the_case() -> None:
    assert render("{{ v|words }}", v="sub_smas") == "sub smas"
    assert render("{{ v|words }}", v="lateral-left") == "lateral left"


def test_a_clinical_table_cell_starts_with_a_capital_through_capfirst() -> None:
    assert render("{{ v|words|capfirst }}", v="volume_loss") == "Volume loss"


def test_words_accepts_values_that_are_not_text() -> None:
    assert render("{{ v|words }}", v=None) == "None"
