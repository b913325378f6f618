"""The lesson renderer: curriculum Markdown as safe HTML with citations, records, figures."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.content import load_content
from threadlift.content.render import RenderError, render_lesson
from threadlift.knowledge import KnowledgeBase


def test_every_packaged_lesson_renders_with_its_sources(kb: KnowledgeBase) -> None:
    content = load_content(kb)
    for lesson in content.lessons:
        page = render_lesson(lesson, kb)
        assert page.html.strip(), lesson.id
        assert "{{" not in page.html, lesson.id
        assert "TLBLOCK" not in page.html, lesson.id
        assert page.sources, lesson.id
        assert set(page.sources) >= {s for s in lesson.sources if s in page.html} - {""}


def test_a_citation_links_to_its_bibliography_entry(kb: KnowledgeBase) -> None:
    page = render_lesson("The nerve runs here [R30, R31].", kb)
    assert 'href="/knowledge/bibliography/#R30"' in page.html
    assert 'href="/knowledge/bibliography/#R31"' in page.html
    assert page.sources == ("R30", "R31")
    assert not page.unconfirmed


def test_raw_html_is_escaped_not_passed_through(kb: KnowledgeBase) -> None:
    page = render_lesson('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">', kb)
    assert "<script>" not in page.html
    assert "&lt;script&gt;" in page.html
    assert "<img" not in page.html


def test_a_javascript_link_is_not_made_a_link(kb: KnowledgeBase) -> None:
    page = render_lesson("[click](javascript:alert(1))", kb)
    assert 'href="javascript' not in page.html


def test_the_unconfirmed_directive_shows_the_badge_and_marks_the_result(kb: KnowledgeBase) -> None:
    page = render_lesson("The size is not given {{unconfirmed}} [R30].", kb)
    assert '<span class="badge bad mark"' in page.html
    assert "Unconfirmed" in page.html
    assert page.unconfirmed


def test_a_record_is_embedded_with_its_grade_and_sources(kb: KnowledgeBase) -> None:
    zone = kb.danger_zone("temporal_branch")
    page = render_lesson("{{record danger_zones/temporal_branch}}", kb)
    assert zone.name in page.html
    assert 'class="badge' in page.html
    assert "grade" in page.html
    for source in zone.sources:
        assert f"#{source}" in page.html
        assert source in page.sources


def test_an_unknown_record_raises(kb: KnowledgeBase) -> None:
    with pytest.raises(RenderError, match="danger_zones/nowhere"):
        render_lesson("{{record danger_zones/nowhere}}", kb)


def test_an_unknown_table_or_view_raises(kb: KnowledgeBase) -> None:
    with pytest.raises(RenderError):
        render_lesson("{{table products_of_mars}}", kb)
    with pytest.raises(RenderError):
        render_lesson("{{figure zones view=top highlight=temporal_branch}}", kb)
    with pytest.raises(RenderError):
        render_lesson("{{figure zones view=frontal highlight=parotid_duct_of_mars}}", kb)


def test_a_figure_is_an_inline_svg_without_style_with_a_caption_and_zone_list(
    kb: KnowledgeBase,
) -> None:
    page = render_lesson(
        "{{figure zones view=lateral-left highlight=temporal_branch}}\n\n"
        "{{figure zones view=frontal highlight=mental_nerve}}",
        kb,
    )
    assert page.html.count("<svg") == 2
    assert "<style" not in page.html  # the site's CSP forbids inline styles
    assert "<figcaption>" in page.html
    assert kb.danger_zone("temporal_branch").name + " (highlighted)" in page.html
    ids = re.findall(r' id="([^"]+)"', page.html)
    assert len(ids) == len(set(ids))  # two figures on one page keep unique ids
    assert 'data-zone="temporal_branch" data-structure="nerve" data-highlighted="true"' in page.html


@pytest.mark.parametrize("table", ["materials", "designs", "complications", "longevity"])
def test_a_table_lists_every_record_of_its_collection(kb: KnowledgeBase, table: str) -> None:
    page = render_lesson(f"{{{{table {table}}}}}", kb)
    assert page.html.count('<th scope="row">') == len(getattr(kb, table))
    assert "<caption>" in page.html


def test_a_figure_can_be_drawn_by_a_callable_the_caller_gives(kb: KnowledgeBase) -> None:
    from threadlift.content.render import Figure

    def draw(view: str, highlight: tuple[str, ...]) -> Figure:
        return Figure(svg="<svg></svg>", zones=(("mental_nerve", "Mental nerve", True),))

    page = render_lesson("{{figure zones view=frontal highlight=mental_nerve}}", kb, figure=draw)
    assert "<svg></svg>" in page.html
    assert "Mental nerve (highlighted)" in page.html


MARKDOWN_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "span",
    "blockquote",
    "hr",
    "br",
}
MARKDOWN_TAGS |= {f"h{n}" for n in range(1, 7)}


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("<>&\"'/ ascriptimgonerror=[]R30{}\n*_`#")), max_size=80)
)
def test_no_text_ever_renders_a_raw_tag(text: str) -> None:
    from threadlift.knowledge import load_knowledge

    kb = load_knowledge()
    try:
        html = render_lesson(text, kb).html
    except RenderError:
        return  # a malformed directive or unknown source is refused, which is safe
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= MARKDOWN_TAGS, tags - MARKDOWN_TAGS


def test_figures_for_an_academys_view_of_the_knowledge_base_reuse_the_bases_drawing(
    kb: KnowledgeBase,
) -> None:
    from threadlift.content import render as render_module
    from threadlift.content.authored import WithStatedReferences

    text = "{{figure zones view=frontal highlight=mental_nerve}}"
    render_lesson(text, kb)
    before = len(render_module._FIGURES)
    for _ in range(5):  # one view per request, as the pages make them
        render_lesson(text, WithStatedReferences(kb, {"ACAD-1": "Our handbook"}))
    assert len(render_module._FIGURES) == before
