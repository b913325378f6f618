"""SCORM 1.2 export of a module: the manifest (SCOs, masteryscore), the lesson pages as the
platform renders them, the quiz's data, self-contained."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from lxml import etree

from threadlift.content import load_content
from threadlift.content.forms import policy
from threadlift.interop import scorm_package
from threadlift.interop.packaging import STATEMENT
from threadlift.knowledge import KnowledgeBase, load_knowledge

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="module")
def package(kb: KnowledgeBase) -> zipfile.ZipFile:
    content = load_content(kb)
    module = content.module("anatomy_ageing")
    data = scorm_package(
        module,
        content.lessons_of(module.id),
        content.questions[module.id],
        kb,
        pass_mark=policy().pass_mark,
    )
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_manifest_is_scorm_1_2_with_one_sco_per_lesson_and_the_quiz(
    package: zipfile.ZipFile, kb: KnowledgeBase
) -> None:
    root = etree.fromstring(package.read("imsmanifest.xml"))
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    org = root.find(f"{CP}organizations/{CP}organization")
    assert root.find(f"{CP}organizations").get("default") == org.get("identifier")
    items = org.findall(f"{CP}item")
    lessons = load_content(kb).lessons_of("anatomy_ageing")
    assert [i.findtext(f"{CP}title") for i in items][:-1] == [x.title for x in lessons]
    quiz = items[-1]
    assert quiz.findtext(f"{ADLCP}masteryscore") == "70"
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    for item in items:
        res = resources[item.get("identifierref")]
        assert res.get(f"{ADLCP}scormtype") == "sco"
        assert res.get("href") in package.namelist()
    listed = {f.get("href") for f in root.iter(f"{CP}file")}
    assert listed == set(package.namelist()) - {"imsmanifest.xml"}


def test_a_lesson_page_shows_citations_grades_marks_and_the_statement(
    package: zipfile.ZipFile,
) -> None:
    page = package.read("lesson_danger_zones.html").decode()
    assert 'class="cite" href="sources.html#R' in page
    assert "Evidence grade" in page
    assert 'data-sco="lesson" data-done="completed"' in page
    assert STATEMENT in page
    sources = package.read("sources.html").decode()
    for cited in set(re.findall(r'href="sources.html#(\w+)"', page)):
        assert f'id="{cited}"' in sources


def test_nothing_in_the_package_comes_from_outside(package: zipfile.ZipFile) -> None:
    for name in package.namelist():
        if name.endswith((".html", ".css", ".js")):
            text = package.read(name).decode()
            assert not re.search(r'(src|href)="(https?:)?//', text), name
            assert "url(http" not in text, name


def test_the_quiz_holds_every_item_and_the_pass_mark(
    package: zipfile.ZipFile, kb: KnowledgeBase
) -> None:
    page = package.read("quiz.html").decode()
    data = json.loads(re.search(r'id="quiz-data">(.*?)</script>', page, re.S).group(1))
    expected = load_content(kb).questions["anatomy_ageing"]
    assert [i["id"] for i in data["items"]] == [q.id for q in expected]
    assert data["passMark"] == 0.7
    assert (data["min"], data["max"], data["passed"], data["failed"]) == (
        0,
        100,
        "passed",
        "failed",
    )
    assert STATEMENT in page
    hotspots = [i for i in data["items"] if i["kind"] == "hotspot"]
    assert hotspots
    for item in hotspots:
        assert item["targets"]
        assert item["tolerance"] == policy().hotspot_tolerance_mm
    assert page.count('class="hotspot-face"') == len(hotspots)
    # each drawing names its own title and description (no duplicate ids on the page)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_a_pass_mark_outside_0_to_1_is_refused(kb: KnowledgeBase) -> None:
    content = load_content(kb)
    module = content.module("aftercare")
    with pytest.raises(ValueError, match="pass mark"):
        scorm_package(module, content.lessons_of(module.id), (), kb, pass_mark=70)


def test_the_format_rules_cite_sources_of_the_bibliography(kb: KnowledgeBase) -> None:
    from threadlift.interop.packaging import formats

    for part in formats().values():
        assert part["sources"]
        for source_id in part["sources"]:
            assert kb.source(source_id).evidence == "guideline"
