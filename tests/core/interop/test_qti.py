"""QTI 3.0 export: every curriculum item, valid against the published XSDs, scored as the
platform scores (choice, multiple response, hotspot), self-contained."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tests.core.interop.schemas import ASI, MANIFEST, problems
from threadlift.content import load_content
from threadlift.content.regions import click_is_correct
from threadlift.interop import qti_package
from threadlift.interop.packaging import face_image
from threadlift.interop.qti import Section, hotspot_choices
from threadlift.knowledge import KnowledgeBase, load_knowledge

NS = {"q": "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="module")
def package(kb: KnowledgeBase) -> zipfile.ZipFile:
    content = load_content(kb)
    sections = [Section(m.id, m.title, content.questions[m.id]) for m in content.modules]
    data = qti_package(sections, kb, identifier="bank", title="Curriculum bank")
    return zipfile.ZipFile(io.BytesIO(data))


def test_every_file_of_the_package_is_valid_against_the_published_xsds(
    package: zipfile.ZipFile, kb: KnowledgeBase
) -> None:
    names = package.namelist()
    items = [n for n in names if n.startswith("items/")]
    assert len(items) == len(load_content(kb).all_questions())
    assert problems(package.read("imsmanifest.xml"), MANIFEST) == []
    assert problems(package.read("tests/test.xml"), ASI) == []
    invalid = {n: p for n in items if (p := problems(package.read(n), ASI))}
    assert invalid == {}
    print(f"QTI 3.0 XSD: {len(items)} items, 1 test and the manifest valid")


def test_the_schema_refuses_a_broken_item(package: zipfile.ZipFile) -> None:
    item = package.read(next(n for n in package.namelist() if n.startswith("items/")))
    broken = item.replace(b"<qti-item-body>", b"<qti-item-body><qti-unknown/>", 1)
    assert problems(broken, ASI)
    assert problems(item.replace(b' identifier="RESPONSE"', b"", 1), ASI)


def test_the_package_names_every_file_and_loads_nothing_from_outside(
    package: zipfile.ZipFile,
) -> None:
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    listed = {f.get("href") for f in manifest.iter("{*}file")}
    assert listed == set(package.namelist()) - {"imsmanifest.xml"}
    for name in package.namelist():
        text = package.read(name).decode()
        assert 'src="http' not in text, name
        assert 'href="http' not in text, name


def test_items_carry_the_kinds_the_platform_has(
    package: zipfile.ZipFile, kb: KnowledgeBase
) -> None:
    content = load_content(kb)
    single = next(q for q in content.all_questions() if q.kind == "single")
    multiple = next(q for q in content.all_questions() if q.kind == "multiple")
    doc = etree.fromstring(package.read(f"items/{single.id}.xml"))
    assert doc.find(".//q:qti-choice-interaction", NS).get("max-choices") == "1"
    assert doc.find(".//q:qti-response-declaration", NS).get("cardinality") == "single"
    doc = etree.fromstring(package.read(f"items/{multiple.id}.xml"))
    assert doc.find(".//q:qti-choice-interaction", NS).get("max-choices") == "0"
    entries = {
        e.get("map-key"): float(e.get("mapped-value"))
        for e in doc.iterfind(".//q:qti-map-entry", NS)
    }
    k = len([o for o in multiple.options if o.correct])
    for option in multiple.options:
        assert entries[option.id] == pytest.approx(1 / k if option.correct else -1 / k)
    mapping = doc.find(".//q:qti-mapping", NS)
    assert (mapping.get("lower-bound"), mapping.get("upper-bound")) == ("0", "1")
    # the explanation and the sources come back as feedback
    feedback = etree.tostring(doc.find(".//q:qti-modal-feedback", NS), encoding="unicode")
    assert multiple.sources[0] in feedback


def test_a_hotspot_item_has_the_face_image_and_its_target_as_a_choice(
    package: zipfile.ZipFile, kb: KnowledgeBase
) -> None:
    hotspots = [q for q in load_content(kb).all_questions() if q.kind == "hotspot"]
    assert hotspots
    for q in hotspots:
        doc = etree.fromstring(package.read(f"items/{q.id}.xml"))
        img = doc.find(".//q:qti-hotspot-interaction/{*}img", NS)
        assert img.get("src") == f"../images/face-{q.view}.svg"
        assert f"images/face-{q.view}.svg" in package.namelist()
        correct = {v.text for v in doc.iterfind(".//q:qti-correct-response/q:qti-value", NS)}
        choices = {c.get("identifier") for c in doc.iterfind(".//q:qti-hotspot-choice", NS)}
        assert correct, q.id
        assert correct <= choices, q.id


def test_a_hotspot_choice_lies_where_the_platform_scores_a_click_right(kb: KnowledgeBase) -> None:
    """The centre of a correct polygon, back in millimetres, is a correct click on the platform."""
    import shapely

    per_mm = 4
    for q in (q for q in load_content(kb).all_questions() if q.kind == "hotspot"):
        assert q.view is not None
        assert q.answer is not None
        image = face_image(q.view, kb)
        for _ident, coords, correct, _label in hotspot_choices(q, kb, image):
            if not correct:
                continue
            values = [float(v) for v in coords.split(",")]
            ring = [
                (x / per_mm + image.left, y / per_mm + image.top)
                for x, y in zip(values[::2], values[1::2], strict=True)
            ]
            inner = shapely.Polygon(ring).representative_point()
            assert click_is_correct(q.view, q.answer, inner.x, inner.y, kb, 1.0), q.id


def test_the_same_items_give_the_same_bytes(kb: KnowledgeBase) -> None:
    content = load_content(kb)
    sections = [Section("a", "A", content.questions["aftercare"])]
    one = qti_package(sections, kb, identifier="x", title="X")
    assert one == qti_package(sections, kb, identifier="x", title="X")
