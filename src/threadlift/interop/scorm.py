"""A curriculum module as a SCORM 1.2 package (zip bytes). Pure core: no Django.

The package holds one SCO per lesson (it reports `completed` when opened) and one quiz SCO
(it scores the answers in the package's own script and reports the score as a percent and
`passed` or `failed` against the pass mark), a sources page, and the package's stylesheet and
script. `imsmanifest.xml` follows the SCORM 1.2 content aggregation model [R146]; the run-time
values follow the SCORM 1.2 run-time environment [R147] (`data/formats.yaml`).

The quiz's answers are in the page (SCORM 1.2 scores in the browser): a learner who reads the
page's source can see them. A hotspot item shows the view's template face (no danger zones);
the click (or the typed point, in millimetres) is scored against the target regions' polygons
with the policy's tolerance, as the platform scores it (`regions.click_is_correct`).
"""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html import escape
from typing import Any

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.faces import template_face
from threadlift.content.forms import policy
from threadlift.content.regions import region, zones_in
from threadlift.content.render import render_lesson, sources_of
from threadlift.content.schemas import Lesson, Module, Question
from threadlift.interop.packaging import asset, face_image, formats, zip_bytes
from threadlift.interop.pages import (
    SOURCES_PAGE,
    cited,
    page,
    source_list,
    sources_page,
    unconfirmed_note,
)
from threadlift.planning.params import face_region

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
    f"imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
ASSETS = ("assets/package.css", "assets/sco.js")
# The platform's scoring (threadlift.content.scoring), said to the learner.
SCORING = (
    "Scoring, the platform's policy: a one-answer question scores 1 when right; a question "
    "with several correct options scores (correct options chosen minus incorrect options "
    "chosen) divided by the number of correct options, never below 0."
)


def option_order(module_id: str, question: Question) -> list[int]:
    """The options' order in the package: shuffled once, the same every build."""
    order = list(range(len(question.options)))
    random.Random(f"{module_id}:{question.id}").shuffle(order)
    return order


def lesson_file(lesson: Lesson) -> str:
    return f"lesson_{lesson.id}.html"


QUIZ_FILE = "quiz.html"


def scorm_package(
    module: Module,
    lessons: Sequence[Lesson],
    questions: Sequence[Question],
    kb: Any,
    *,
    pass_mark: float,
    organization: str = "Threadlift Academy",
) -> bytes:
    """The module's SCORM 1.2 package. `pass_mark` is a fraction of the maximum score."""
    if not 0 < pass_mark <= 1:
        raise ValueError("the pass mark is a fraction above 0 and at most 1")
    rules = formats()["scorm"]
    files: list[tuple[str, str | bytes]] = []
    rendered = []
    for lesson in lessons:
        text = render_lesson(lesson, kb, bibliography_url=SOURCES_PAGE)
        rendered.append(text)
        files.append((lesson_file(lesson), _lesson_page(module, lesson, text, kb)))
    quiz_html, quiz_sources = _quiz_page(module, questions, kb, pass_mark, rules)
    files.append((QUIZ_FILE, quiz_html))
    cited_ids = list(dict.fromkeys([*sources_of(rendered), *quiz_sources]))
    files.append((SOURCES_PAGE, sources_page(cited_ids, kb, f"the module {module.title}")))
    files += [(name, asset(name.split("/", 1)[1])) for name in ASSETS]
    manifest = _manifest(module, lessons, pass_mark, rules, organization)
    return zip_bytes([("imsmanifest.xml", manifest), *files])


# ------------------------------------------------------------------ pages


def _lesson_page(module: Module, lesson: Lesson, text: Any, kb: Any) -> str:
    body = (
        f'<p class="crumb">{escape(module.title)}</p><h1>{escape(lesson.title)}</h1>'
        f'<p class="small">About {lesson.minutes} minutes. Opening this lesson records it as '
        "read.</p>"
        f'<article class="lesson">{text.html}</article>'
        + (unconfirmed_note() if text.unconfirmed else "")
        + '<section class="lesson-sources"><h2>Sources of this lesson</h2>'
        + source_list(text.sources, kb)
        + f'<p><a href="{SOURCES_PAGE}">All sources of the module</a></p></section>'
    )
    done = formats()["scorm"]["lesson_status_read"]
    return page(f"{lesson.title}: {module.title}", body, kind="lesson", done=done)


def _rings(geometry: BaseGeometry) -> list[list[list[list[float]]]]:
    """Polygons as lists of rings (outer first, then holes) of [x, y] in face millimetres."""
    polygons = getattr(geometry, "geoms", [geometry])
    return [
        [
            [[round(x, 2), round(y, 2)] for x, y in ring.coords]
            for ring in (polygon.exterior, *polygon.interiors)
        ]
        for polygon in polygons
        if isinstance(polygon, Polygon) and not polygon.is_empty
    ]


def hotspot_data(question: Question, kb: Any) -> dict[str, Any]:
    """What the quiz script needs to score a click as `click_is_correct` does: the targets
    (with the policy's tolerance), or the face (no tolerance), and the zones a click must avoid."""
    assert question.view is not None
    assert question.answer is not None
    view, answer = question.view, question.answer
    zones = zones_in(view, kb)
    if answer.inside:
        targets = [g for rid in answer.inside if (g := region(view, rid, kb)) is not None]
        tolerance = policy().hotspot_tolerance_mm
    else:
        targets = [face_region(template_face(view), zones)]
        tolerance = 0.0
    return {
        "id": question.id,
        "kind": "hotspot",
        "targets": [p for g in targets for p in _rings(g)],
        "tolerance": tolerance,
        "avoid": [p for z in zones.zones for p in _rings(z.geometry)]
        if answer.outside_all_zones
        else [],
    }


def _hotspot_block(n: int, question: Question, kb: Any) -> str:
    assert question.view is not None
    image = face_image(question.view, getattr(kb, "base", kb), f"h{n}-")
    svg = image.svg.split("\n", 1)[1].replace("<svg ", '<svg class="hotspot-face" ', 1)
    return (
        f'<div class="hotspot">{svg}'
        '<p class="small">Click the drawing, or type the point in millimetres (the drawing\'s '
        "coordinates).</p>"
        f'<p class="hotspot-inputs"><label for="x-{n}">x (mm)</label> '
        f'<input id="x-{n}" name="{escape(question.id)}.x" inputmode="decimal" size="7"> '
        f'<label for="y-{n}">y (mm)</label> '
        f'<input id="y-{n}" name="{escape(question.id)}.y" inputmode="decimal" size="7"></p></div>'
    )


def _quiz_page(
    module: Module,
    questions: Sequence[Question],
    kb: Any,
    pass_mark: float,
    rules: dict[str, Any],
) -> tuple[str, list[str]]:
    sources: list[str] = []
    unconfirmed = False
    items: list[dict[str, Any]] = []
    blocks = []
    for n, q in enumerate(questions, 1):
        stem, found, mark = cited(q.stem, kb)
        sources += found
        unconfirmed |= mark
        whys = []
        if q.kind == "hotspot":
            answer = _hotspot_block(n, q, kb)
            hint = "Click one point."
            items.append(hotspot_data(q, kb))
        else:
            kind = "radio" if q.kind == "single" else "checkbox"
            options = []
            for i in option_order(module.id, q):
                option = q.options[i]
                text, found, mark = cited(option.text, kb)
                why, found2, mark2 = cited(option.why, kb)
                sources += [*found, *found2]
                unconfirmed |= mark or mark2
                options.append(
                    f'<li><label><input type="{kind}" name="{escape(q.id)}" '
                    f'value="{escape(option.id)}"> {text}</label></li>'
                )
                verdict = "Correct option" if option.correct else "Incorrect option"
                whys.append(f"<li><strong>{verdict}:</strong> {text}. {why}</li>")
            answer = f'<ul class="options">{"".join(options)}</ul>'
            hint = "Choose one." if q.kind == "single" else "Choose every correct option."
            items.append(
                {"id": q.id, "kind": q.kind, "correct": [o.id for o in q.options if o.correct]}
            )
        explanation, found, mark = cited(q.explanation, kb)
        sources += found
        unconfirmed |= mark
        blocks.append(
            f'<fieldset class="item" data-item="{escape(q.id)}" aria-labelledby="stem-{n}">'
            f'<div id="stem-{n}" class="stem"><span class="n">{n}.</span> {stem} '
            f'<span class="small">{hint}</span></div>{answer}'
            f'<div class="feedback" hidden><p class="verdict"></p><p>{explanation}</p>'
            + (f"<ul>{''.join(whys)}</ul>" if whys else "")
            + "</div></fieldset>"
        )
    data = {
        "passMark": pass_mark,
        "min": rules["score_min"],
        "max": rules["score_max"],
        "passed": rules["quiz_passed"],
        "failed": rules["quiz_failed"],
        "items": items,
    }
    percent = round(pass_mark * 100)
    tolerance = policy().hotspot_tolerance_mm
    hotspots = (
        f" A click within {tolerance:g} mm of a target's edge counts too (our policy, not a "
        'clinical figure); "outside every danger zone" has no such margin.'
        if any(q.kind == "hotspot" for q in questions)
        else ""
    )
    body = (
        f'<p class="crumb">{escape(module.title)}</p><h1>Quiz: {escape(module.title)}</h1>'
        f"<p>{len(questions)} questions. The pass mark is {percent}% of the maximum score "
        f"(the platform's policy, not a clinical standard).</p>"
        f'<p class="small">{escape(SCORING)}{escape(hotspots)}</p>'
        f'<form id="quiz" novalidate>{"".join(blocks)}'
        '<p><button type="submit">Submit answers</button></p></form>'
        '<div id="result" role="status" aria-live="polite"></div>'
        + (unconfirmed_note() if unconfirmed else "")
        + f'<p><a href="{SOURCES_PAGE}">Sources of the module</a></p>'
        + '<script type="application/json" id="quiz-data">'
        + json.dumps(data).replace("<", "\\u003c")
        + "</script>"
    )
    return page(f"Quiz: {module.title}", body, kind="quiz"), sources


# ------------------------------------------------------------------ manifest


def _manifest(
    module: Module,
    lessons: Sequence[Lesson],
    pass_mark: float,
    rules: dict[str, Any],
    organization: str,
) -> str:
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": f"threadlift_{module.id}",
            "version": "1.0",
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    meta = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = rules["schema"]
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = str(rules["version"])
    orgs = ET.SubElement(root, f"{{{CP}}}organizations", {"default": "org"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": "org"})
    ET.SubElement(org, f"{{{CP}}}title").text = f"{organization}: {module.title}"
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    scos = [(f"lesson_{x.id}", x.title, lesson_file(x)) for x in lessons]
    scos.append(("quiz", f"Quiz: {module.title}", QUIZ_FILE))
    for ident, title, href in scos:
        item = ET.SubElement(
            org,
            f"{{{CP}}}item",
            {"identifier": f"item_{ident}", "identifierref": f"res_{ident}", "isvisible": "true"},
        )
        ET.SubElement(item, f"{{{CP}}}title").text = title
        if ident == "quiz":
            ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(round(pass_mark * 100))
        res = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            {
                "identifier": f"res_{ident}",
                "type": "webcontent",
                f"{{{ADLCP}}}scormtype": "sco",
                "href": href,
            },
        )
        ET.SubElement(res, f"{{{CP}}}file", {"href": href})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "res_shared"})
    shared = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "res_shared", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"},
    )
    for href in (SOURCES_PAGE, *ASSETS):
        ET.SubElement(shared, f"{{{CP}}}file", {"href": href})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
