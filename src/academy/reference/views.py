"""Public reference pages over the knowledge base. Nothing here touches the database."""

from __future__ import annotations

from functools import cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from academy.core.cache import knowledge_fingerprint, shared_page
from academy.reference import selectors
from academy.reference.forms import ComplicationSearchForm, RegulationFilterForm
from threadlift.content import load_content
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import VIEWS, View

# The drawing is an image, not a page: its own policy allows nothing but inline styles (the
# drawing now uses presentation attributes only; tightening this is left for its own change).
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
DRAWN_VIEWS: tuple[View, ...] = ("frontal", "lateral-left")
_VIEW_NAMES: dict[str, View] = {name: name for name in VIEWS}
# The pages depend only on the packaged knowledge base: one rendering per version and URL and
# process, shared by every anonymous visitor.
knowledge_page = shared_page(
    key_parts=lambda: (knowledge_fingerprint(),), timeout=24 * 3600, alias="local"
)


@require_safe
@knowledge_page
def index(request: HttpRequest) -> HttpResponse:
    summary = selectors.evidence_summary(load_knowledge())
    return render(request, "reference/index.html", {"summary": summary})


@require_safe
@knowledge_page
def threads(request: HttpRequest) -> HttpResponse:
    page = selectors.threads_compared(load_knowledge())
    return render(request, "reference/threads.html", {"page": page})


@require_safe
@knowledge_page
def zones(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    return render(
        request,
        "reference/zones.html",
        {
            "zones": kb.danger_zones,
            "drawings": [(view, _zone_drawing(view)) for view in DRAWN_VIEWS],
        },
    )


@cache
def _zone_drawing(view: View) -> selectors.Drawing:
    # The drawing depends only on the packaged data, so one render per view and process.
    return selectors.zone_drawing(load_knowledge(), view)


@require_safe
@cache_control(public=True, max_age=3600)
def zones_drawing(request: HttpRequest, view: str) -> HttpResponse:
    known = _VIEW_NAMES.get(view)
    if known is None:
        raise Http404("No such view")
    response = HttpResponse(_zone_drawing(known).svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_POLICY
    return response


@require_safe
@knowledge_page
def complications(request: HttpRequest) -> HttpResponse:
    form = ComplicationSearchForm(request.GET)
    found = selectors.complications_search(load_knowledge(), **form.filters())
    return render(
        request,
        "reference/complications.html",
        {"form": form, "complications": found, "total": len(load_knowledge().complications)},
    )


@require_safe
@knowledge_page
def regulation(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge()
    form = RegulationFilterForm(
        request.GET,
        jurisdictions=selectors.jurisdictions(kb),
        professions=selectors.professions(kb),
    )
    table = selectors.regulation_table(kb, **form.filters())
    return render(request, "reference/regulation.html", {"form": form, "table": table})


@require_safe
@knowledge_page
def bibliography(request: HttpRequest) -> HttpResponse:
    entries = selectors.bibliography(load_knowledge())
    return render(request, "reference/bibliography.html", {"entries": entries})


@require_safe
@knowledge_page
def curriculum(request: HttpRequest) -> HttpResponse:
    """The curriculum's modules and learning outcomes: our published competency framework (the
    outcomes certificates align to), with what each module teaches and tests."""
    content = load_content(load_knowledge())
    modules = [
        {
            "module": module,
            "lessons": content.lessons_of(module.id),
            "questions": len(content.questions.get(module.id, ())),
            "cases": sum(case.module == module.id for case in content.cases),
        }
        for module in content.modules
    ]
    return render(request, "reference/curriculum.html", {"modules": modules})
