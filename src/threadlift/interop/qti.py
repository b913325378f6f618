"""Question items as a QTI 3.0 package (zip bytes): one `qti-assessment-item` per item, a
`qti-assessment-test` with a section per module, and an IMS Content Packaging manifest [R148].
Pure core: no Django.

- one best answer: `qti-choice-interaction`, `max-choices="1"`, scored 1 when it matches the
  correct response;
- multiple response: `max-choices="0"`, scored by a mapping that is the platform's rule
  (each correct option +1/k, each incorrect -1/k, k correct options; bounds 0 and 1);
- hotspot: `qti-hotspot-interaction` over the view's template face (an SVG in the package,
  without its danger zones), one polygon choice per target region and per other danger zone
  drawn in the view; a click in a target scores 1. QTI hotspots are choices, not geometry: the
  platform's tolerance band around a target is not carried over, and a target with holes
  (an area outside every zone) keeps only its outer outline, with the zones as other choices.

After the response, each item's feedback gives the explanation, why each option is right or
wrong, its sources with their evidence grades, and any unconfirmed mark, as the platform shows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from threadlift.content.regions import correct_region, region, zones_in
from threadlift.content.render import MARKS
from threadlift.content.schemas import Question
from threadlift.interop.packaging import STATEMENT, FaceImage, face_image, formats, zip_bytes

QTI = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
QTI_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
UNCONFIRMED = re.compile(r"\{\{\s*unconfirmed\s*\}\}")


@dataclass(frozen=True)
class Section:
    """A part of the test: a module's items (or an academy's items of a module)."""

    id: str
    title: str
    items: Sequence[Question]


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def plain(text: str) -> str:
    """Item text for QTI: citations stay as written ([R30]); the unconfirmed mark in words."""
    label, _, meaning = MARKS["unconfirmed"]
    return " ".join(UNCONFIRMED.sub(f"[{label}: {meaning}]", text).split())


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _ident(value: str) -> str:
    """An identifier QTI accepts (an NCName): our ids are lower_snake_case already."""
    return value if re.match(r"^[A-Za-z_][A-Za-z0-9_.-]*$", value) else f"i_{value}"


# ------------------------------------------------------------------ one item


def item_xml(
    question: Question, kb: Any, image: FaceImage | None = None, image_href: str = ""
) -> str:
    ET.register_namespace("", QTI)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        _q("qti-assessment-item"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": _ident(question.id),
            "title": _title(question),
            "adaptive": "false",
            "time-dependent": "false",
            f"{{{XML}}}lang": "en",
        },
    )
    if question.kind == "hotspot":
        assert image is not None
        choices = hotspot_choices(question, kb, image)
        correct = [c[0] for c in choices if c[2]]
        cardinality = "single"
        mapping = {c[0]: (1.0 if c[2] else 0.0) for c in choices}
    else:
        choices = []
        correct = [_ident(o.id) for o in question.options if o.correct]
        cardinality = "single" if question.kind == "single" else "multiple"
        k = len(correct)
        mapping = {_ident(o.id): (1 / k if o.correct else -1 / k) for o in question.options}
    response = ET.SubElement(
        root,
        _q("qti-response-declaration"),
        {"identifier": "RESPONSE", "cardinality": cardinality, "base-type": "identifier"},
    )
    right = ET.SubElement(response, _q("qti-correct-response"))
    for ident in correct[: 1 if cardinality == "single" else None]:
        ET.SubElement(right, _q("qti-value")).text = ident
    scored_by_map = question.kind != "single"
    if scored_by_map:
        table = ET.SubElement(
            response,
            _q("qti-mapping"),
            {"lower-bound": "0", "upper-bound": "1", "default-value": "0"},
        )
        for key, value in mapping.items():
            ET.SubElement(
                table, _q("qti-map-entry"), {"map-key": key, "mapped-value": f"{value:.6g}"}
            )
    score = ET.SubElement(
        root,
        _q("qti-outcome-declaration"),
        {"identifier": "SCORE", "cardinality": "single", "base-type": "float"},
    )
    default = ET.SubElement(score, _q("qti-default-value"))
    ET.SubElement(default, _q("qti-value")).text = "0"
    for ident, base in (("MAXSCORE", "float"), ("FEEDBACK", "identifier")):
        decl = ET.SubElement(
            root,
            _q("qti-outcome-declaration"),
            {"identifier": ident, "cardinality": "single", "base-type": base},
        )
        if ident == "MAXSCORE":
            d = ET.SubElement(decl, _q("qti-default-value"))
            ET.SubElement(d, _q("qti-value")).text = "1"
    body = ET.SubElement(root, _q("qti-item-body"))
    ET.SubElement(body, "p").text = plain(question.stem)
    if question.kind == "hotspot":
        assert image is not None
        per_mm = formats()["qti"]["image_px_per_mm"]
        interaction = ET.SubElement(
            body,
            _q("qti-hotspot-interaction"),
            {"response-identifier": "RESPONSE", "max-choices": "1"},
        )
        ET.SubElement(
            interaction,
            "img",
            {
                "src": image_href,
                "alt": f"Template face, {image.view.replace('-', ' ')} view, drawn to scale",
                "width": str(round(image.width * per_mm)),
                "height": str(round(image.height * per_mm)),
            },
        )
        for ident, coords, _correct, label in choices:
            ET.SubElement(
                interaction,
                _q("qti-hotspot-choice"),
                {"identifier": ident, "shape": "poly", "coords": coords, "hotspot-label": label},
            )
    else:
        interaction = ET.SubElement(
            body,
            _q("qti-choice-interaction"),
            {
                "response-identifier": "RESPONSE",
                "shuffle": "true",
                "max-choices": "1" if question.kind == "single" else "0",
            },
        )
        for option in question.options:
            ET.SubElement(
                interaction, _q("qti-simple-choice"), {"identifier": _ident(option.id)}
            ).text = plain(option.text)
    _processing(root, scored_by_map)
    _feedback(root, question, kb)
    return _xml(root)


def _title(question: Question) -> str:
    stem = plain(question.stem)
    return stem if len(stem) <= 80 else stem[:77].rstrip() + "..."


def _processing(root: ET.Element, scored_by_map: bool) -> None:
    """The standard templates' rules (match_correct / map_response), written out so that the
    same processing also sets FEEDBACK (the explanation is shown after any response)."""
    rp = ET.SubElement(root, _q("qti-response-processing"))
    if scored_by_map:
        s = ET.SubElement(rp, _q("qti-set-outcome-value"), {"identifier": "SCORE"})
        ET.SubElement(s, _q("qti-map-response"), {"identifier": "RESPONSE"})
    else:
        cond = ET.SubElement(rp, _q("qti-response-condition"))
        when = ET.SubElement(cond, _q("qti-response-if"))
        match = ET.SubElement(when, _q("qti-match"))
        ET.SubElement(match, _q("qti-variable"), {"identifier": "RESPONSE"})
        ET.SubElement(match, _q("qti-correct"), {"identifier": "RESPONSE"})
        s = ET.SubElement(when, _q("qti-set-outcome-value"), {"identifier": "SCORE"})
        ET.SubElement(s, _q("qti-base-value"), {"base-type": "float"}).text = "1"
        other = ET.SubElement(cond, _q("qti-response-else"))
        s = ET.SubElement(other, _q("qti-set-outcome-value"), {"identifier": "SCORE"})
        ET.SubElement(s, _q("qti-base-value"), {"base-type": "float"}).text = "0"
    f = ET.SubElement(rp, _q("qti-set-outcome-value"), {"identifier": "FEEDBACK"})
    ET.SubElement(f, _q("qti-base-value"), {"base-type": "identifier"}).text = "EXPLANATION"


def _feedback(root: ET.Element, question: Question, kb: Any) -> None:
    box = ET.SubElement(
        root,
        _q("qti-modal-feedback"),
        {
            "outcome-identifier": "FEEDBACK",
            "identifier": "EXPLANATION",
            "show-hide": "show",
            "title": "Explanation",
        },
    )
    content = ET.SubElement(box, _q("qti-content-body"))
    ET.SubElement(content, "p").text = plain(question.explanation)
    if question.options:
        listing = ET.SubElement(content, "ul")
        for option in question.options:
            verdict = "Correct" if option.correct else "Incorrect"
            ET.SubElement(
                listing, "li"
            ).text = f"{verdict}: {plain(option.text)}. {plain(option.why)}"
    ET.SubElement(content, "p").text = "Sources:"
    sources = ET.SubElement(content, "ul")
    for source_id in question.sources:
        s = kb.source(source_id)
        who = " ".join(p for p in (s.authors, f"({s.year})" if s.year else None) if p)
        evidence = getattr(s, "evidence", None)
        marks = [MARKS[m][0] for m in getattr(s, "marks", ()) if m in MARKS]
        extra = "".join(
            [
                f" Evidence: {str(evidence).replace('-', ' ')}." if evidence else "",
                f" Marked: {', '.join(marks)}." if marks else "",
            ]
        )
        ET.SubElement(
            sources, "li"
        ).text = f"[{source_id}] {who + '. ' if who else ''}{s.title}.{extra}"


# ------------------------------------------------------------------ hotspots


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry] if not geometry.is_empty else []
    if isinstance(geometry, MultiPolygon):
        return [g for g in geometry.geoms if not g.is_empty]
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


def _coords(polygon: Polygon, image: FaceImage, per_mm: float) -> str:
    ring = polygon.simplify(0.4).exterior.coords[:-1]
    return ",".join(f"{x},{y}" for px in ring for x, y in [image.px(px[0], px[1], per_mm)])


def hotspot_choices(
    question: Question, kb: Any, image: FaceImage
) -> list[tuple[str, str, bool, str]]:
    """(identifier, coords, correct, label) of every hotspot choice of a hotspot item."""
    assert question.view is not None
    assert question.answer is not None
    per_mm = formats()["qti"]["image_px_per_mm"]
    view, answer = question.view, question.answer
    out: list[tuple[str, str, bool, str]] = []

    def add(base: str, geometry: BaseGeometry | None, correct: bool) -> None:
        for n, polygon in enumerate(_polygons(geometry) if geometry is not None else []):
            ident = _ident(base if n == 0 else f"{base}_{n + 1}")
            out.append((ident, _coords(polygon, image, per_mm), correct, base.replace("_", " ")))

    if answer.outside_all_zones:
        add("target", correct_region(view, answer, kb), True)
    else:
        for region_id in answer.inside:
            add(region_id, region(view, region_id, kb), True)
    for zone in zones_in(view, kb).zones:
        if zone.id not in answer.inside:
            add(zone.id, zone.geometry, False)
    return out


# ------------------------------------------------------------------ test and package


def test_xml(identifier: str, title: str, sections: Sequence[Section]) -> str:
    ET.register_namespace("", QTI)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        _q("qti-assessment-test"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": _ident(identifier),
            "title": title,
        },
    )
    score = ET.SubElement(
        root,
        _q("qti-outcome-declaration"),
        {"identifier": "SCORE", "cardinality": "single", "base-type": "float"},
    )
    d = ET.SubElement(score, _q("qti-default-value"))
    ET.SubElement(d, _q("qti-value")).text = "0"
    part = ET.SubElement(
        root,
        _q("qti-test-part"),
        {"identifier": "part_1", "navigation-mode": "nonlinear", "submission-mode": "simultaneous"},
    )
    for n, section in enumerate(s for s in sections if s.items):
        sec = ET.SubElement(
            part,
            _q("qti-assessment-section"),
            {
                "identifier": _ident(f"section_{section.id}"),
                "title": section.title,
                "visible": "true",
            },
        )
        if n == 0:
            rubric = ET.SubElement(
                sec, _q("qti-rubric-block"), {"use": "instructions", "view": "candidate"}
            )
            inner = ET.SubElement(rubric, _q("qti-content-body"))
            ET.SubElement(inner, "p").text = STATEMENT
            ET.SubElement(inner, "p").text = (
                "Citations in square brackets name the sources listed in each item's feedback, "
                "with their evidence grades; statements no source confirms are marked "
                f"{MARKS['unconfirmed'][0]}."
            )
        for q in section.items:
            ET.SubElement(
                sec,
                _q("qti-assessment-item-ref"),
                {"identifier": _ident(q.id), "href": f"../items/{q.id}.xml"},
            )
    processing = ET.SubElement(root, _q("qti-outcome-processing"))
    s = ET.SubElement(processing, _q("qti-set-outcome-value"), {"identifier": "SCORE"})
    total = ET.SubElement(s, _q("qti-sum"))
    ET.SubElement(total, _q("qti-test-variables"), {"variable-identifier": "SCORE"})
    return _xml(root)


def qti_package(sections: Sequence[Section], kb: Any, *, identifier: str, title: str) -> bytes:
    """The items of `sections` as one QTI 3.0 content package (zip bytes)."""
    rules = formats()["qti"]
    files: list[tuple[str, str | bytes]] = []
    ET.register_namespace("", CP)
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": _ident(f"{identifier}_package"),
            f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}",
        },
    )
    meta = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "QTI Package"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "3.0.0"
    ET.SubElement(manifest, f"{{{CP}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    test_href = "tests/test.xml"
    test = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "test", "type": rules["test_type"], "href": test_href},
    )
    ET.SubElement(test, f"{{{CP}}}file", {"href": test_href})
    images: dict[str, str] = {}
    item_resources = []
    for section in sections:
        for q in section.items:
            image, href = None, ""
            if q.kind == "hotspot":
                assert q.view is not None
                image = face_image(q.view, getattr(kb, "base", kb))
                href = f"images/face-{q.view}.svg"
                images.setdefault(q.view, href)
            path = f"items/{q.id}.xml"
            files.append((path, item_xml(q, kb, image, f"../{href}" if href else "")))
            item_resources.append((q, path))
    for q, path in item_resources:
        ET.SubElement(test, f"{{{CP}}}dependency", {"identifierref": _ident(f"item_{q.id}")})
        res = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            {"identifier": _ident(f"item_{q.id}"), "type": rules["item_type"], "href": path},
        )
        ET.SubElement(res, f"{{{CP}}}file", {"href": path})
        if q.kind == "hotspot":
            ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": f"image_{q.view}"})
    for view, href in images.items():
        res = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            {"identifier": f"image_{view}", "type": "webcontent", "href": href},
        )
        ET.SubElement(res, f"{{{CP}}}file", {"href": href})
        files.append((href, face_image(view, getattr(kb, "base", kb)).svg))
    files.insert(0, (test_href, test_xml(identifier, title, sections)))
    return zip_bytes([("imsmanifest.xml", _xml(manifest)), *files])
