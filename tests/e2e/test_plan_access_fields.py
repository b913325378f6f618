"""A plane per segment, the instrument and the entry skin are set on the plan canvas, in the
simulator (live score) and in the logbook (saved with the case), in Chromium at 1280 px."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.logbook.models import Case
from tests.web.conftest import make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.simulator.conftest import good_plan

from .helpers import log_in

CANVAS = "[data-sim-canvas].is-ready"


def three_point_thread(page: Page, points: list[list[float]]) -> None:
    page.get_by_label("Plane (whole thread)").select_option("subcutaneous")
    page.get_by_role("button", name="New thread").click()
    for x, y in points:
        page.get_by_label("x", exact=True).fill(str(x))
        page.get_by_label("y", exact=True).fill(str(y))
        page.get_by_role("button", name="Add point").click()
    page.get_by_role("button", name="Finish thread").click()
    page.locator('[data-sim-select="0"]').click()  # select it again: its segment planes show


def midpoint_thread() -> list[list[float]]:
    t = good_plan("female")["threads"][0]
    entry, end = t["entry"], t["path"][-1]
    mid = [round((entry[0] + end[0]) / 2, 1), round((entry[1] + end[1]) / 2, 1)]
    return [entry, mid, end]


def written_plan(page: Page) -> dict[str, Any]:
    return json.loads(page.locator("[data-sim-canvas] input[name=plan]").input_value())


@pytest.mark.django_db(transaction=True)
def test_a_segment_plane_and_an_instrument_set_on_the_canvas_reach_the_live_score(
    live_server: Any, page: Page, shot: Any
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/simulator/jowl/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    three_point_thread(page, midpoint_thread())
    segments = page.locator("[data-sim=segments]")
    expect(segments).to_be_visible()
    expect(segments.locator("select")).to_have_count(2)
    segments.get_by_label("Segment 1").select_option("sub_smas")
    page.get_by_label("Instrument").select_option("needle")
    page.get_by_label("Gauge").select_option("23G")
    page.get_by_label("Entry skin").select_option("hair_bearing")
    thread = written_plan(page)["threads"][0]
    assert thread["planes"] == ["sub_smas", "subcutaneous"]
    assert thread["plane"] == "subcutaneous"
    assert thread["instrument"] == {"kind": "needle", "gauge": "23G"}
    assert thread["entry_skin"] == "hair_bearing"
    feedback = page.locator("[data-sim=findings]")
    expect(feedback).to_contain_text("segment 1")
    expect(feedback).to_contain_text("hair-bearing")
    expect(page.locator("[data-sim=threads] li").first).to_contain_text("sub-SMAS → subcutaneous")
    # the deep segment is drawn on its own (wider)
    deep = page.locator('.sim-stage .sim-thread[data-plane="sub_smas"]')
    expect(deep).to_have_count(1)
    # the whole-thread plane resets the segments
    page.get_by_label("Plane (whole thread)").select_option("subcutaneous")
    assert "planes" not in written_plan(page)["threads"][0]
    page.get_by_role("button", name="Undo").click()
    page.locator('[data-sim-select="0"]').click()
    assert written_plan(page)["threads"][0]["planes"] == ["sub_smas", "subcutaneous"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280
    shot("simulator-segment-planes-1280")


@pytest.mark.django_db(transaction=True)
def test_a_logbook_case_saves_the_segment_planes_instrument_and_entry_skin(
    live_server: Any, page: Page, shot: Any
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    hands_on_run(theo, lena)
    day = timezone.localdate() - dt.timedelta(days=1)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, lena.email)
    page.get_by_role("link", name="Logbook").first.click()
    page.get_by_role("link", name="Log a case").click()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Setting").select_option("model")
    page.get_by_label("Supervision").select_option("supervised")
    page.get_by_label("Indication").select_option("jowl")
    page.get_by_label("Anaesthesia").select_option("local_infiltration")
    expect(page.locator("[data-sim=stage] svg")).to_be_visible()
    three_point_thread(page, [[-18.0, 11.0], [-30.0, 25.0], [-49.4, 42.4]])
    page.locator("[data-sim=segments]").get_by_label("Segment 2").select_option("smas")
    page.get_by_label("Instrument").select_option("cannula")
    page.get_by_label("Entry skin").select_option("non_hair_bearing")
    page.locator("select[name='products-0-product']").select_option("mint")
    page.locator("input[name='products-0-batch']").fill("LOT-E2E-778")
    page.locator("input[name='products-0-expiry']").fill((day + dt.timedelta(days=90)).isoformat())
    page.get_by_label("Written consent was confirmed before the procedure").check()
    page.get_by_role("button", name="Save case").click()
    expect(page.get_by_role("heading", name="Thread plan")).to_be_visible()
    thread = Case.objects.get().plan["threads"][0]
    assert thread["planes"] == ["subcutaneous", "smas"]
    assert thread["instrument"] == {"kind": "cannula"}
    assert thread["entry_skin"] == "non_hair_bearing"
    shot("logbook-case-segment-planes")
