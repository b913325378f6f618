"""What a plan can say beyond one plane: a plane per segment, the instrument, the entry skin."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadlift.planning import PlanError, parse_plan, score_plan
from threadlift.planning.reference import reference_plan_names
from threadlift.planning.rules_access import access_rules

from .helpers import BIDI, UNI, by_rule, plan, thread

PLANS = Path(str(resources.files("threadlift.planning").joinpath("data/reference_plans")))
TEMPORAL_ENTRY = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 55}
TEMPORAL_BITE = {"landmark": "tragion_left", "anterior_mm": 22, "superior_mm": 45}
MALAR = {"landmark": "alare_left", "anterior_mm": -24, "superior_mm": 2}
PAROTID_MID = {"between": ["intertragic_notch_left", "cheilion_left"], "t": 0.5}
# across the facial artery's course in the cheek (template lateral-left face, mm)
OVER_FACIAL_ARTERY = ([-55.0, 25.0], [-78.0, 40.0])


def score(kb: Any, raw: dict[str, Any]) -> Any:
    return score_plan(parse_plan(raw), kb)


def anchored_thread(planes: list[str] | None, *path: Any) -> dict[str, Any]:
    t = thread(TEMPORAL_ENTRY, *(path or (TEMPORAL_BITE, MALAR)), product=UNI)
    if planes is not None:
        t["planes"] = planes
        t["plane"] = planes[-1]
    return t


def field_of(raw: dict[str, Any]) -> str:
    with pytest.raises(PlanError) as exc:
        parse_plan(raw)
    return exc.value.field


def reference(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PLANS / f"{name}.json").read_text())
    data.pop("about", None)
    return data


# ------------------------------------------------------------------ parsing


def test_a_thread_may_give_planes_instead_of_plane_and_its_plane_is_the_last_segments() -> None:
    t = thread(TEMPORAL_ENTRY, TEMPORAL_BITE, MALAR)
    del t["plane"]
    t["planes"] = ["periosteal", "subcutaneous"]
    parsed = parse_plan(plan("lateral-left", "midface", t)).threads[0]
    assert parsed.plane == "subcutaneous"
    assert parsed.segment_planes == ("periosteal", "subcutaneous")


def test_an_old_plan_keeps_its_meaning_one_plane_for_every_segment() -> None:
    parsed = parse_plan(
        plan("lateral-left", "midface", thread(TEMPORAL_ENTRY, TEMPORAL_BITE, MALAR))
    )
    t = parsed.threads[0]
    assert t.planes is None
    assert t.instrument is None
    assert t.entry_skin is None
    assert t.segment_planes == ("subcutaneous", "subcutaneous")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda t: t.update(planes=["subcutaneous"]), "threads[0].planes"),
        (lambda t: t.update(planes=["subcutaneous"] * 3), "threads[0].planes"),
        (lambda t: t.update(planes="subcutaneous"), "threads[0].planes"),
        (lambda t: t.update(planes=["periosteal", "muscle"]), "threads[0].planes[1]"),
        (lambda t: t.update(planes=["periosteal", "smas"]), "threads[0].plane"),
        (lambda t: t.update(plane="muscle"), "threads[0].plane"),
        (lambda t: t.update(instrument={"kind": "scalpel"}), "threads[0].instrument.kind"),
        (lambda t: t.update(instrument={"gauge": "23G"}), "threads[0].instrument.kind"),
        (lambda t: t.update(instrument="needle"), "threads[0].instrument"),
        (
            lambda t: t.update(instrument={"kind": "needle", "gauge": "23"}),
            "threads[0].instrument.gauge",
        ),
        (
            lambda t: t.update(instrument={"kind": "needle", "gauge": 23}),
            "threads[0].instrument.gauge",
        ),
        (
            lambda t: t.update(instrument={"kind": "needle", "gauge": "99G"}),
            "threads[0].instrument.gauge",
        ),
        (
            lambda t: t.update(instrument={"kind": "needle", "tip": "sharp"}),
            "threads[0].instrument.tip",
        ),
        (lambda t: t.update(entry_skin="scalp"), "threads[0].entry_skin"),
        (lambda t: t.update(entry_skin=True), "threads[0].entry_skin"),
    ],
    ids=[
        "planes-too-short",
        "planes-too-long",
        "planes-not-a-list",
        "unknown-segment-plane",
        "plane-disagrees",
        "unknown-plane",
        "unknown-instrument",
        "instrument-without-kind",
        "instrument-not-an-object",
        "gauge-without-G",
        "gauge-a-number",
        "gauge-out-of-range",
        "instrument-unknown-field",
        "unknown-skin",
        "skin-not-a-name",
    ],
)
def test_it_refuses_bad_access_fields_naming_the_field(change: Any, field: str) -> None:
    t = thread(TEMPORAL_ENTRY, TEMPORAL_BITE, MALAR, product=UNI)
    change(t)
    assert field_of(plan("lateral-left", "midface", t)) == field


def test_it_refuses_a_thread_with_neither_plane_nor_planes() -> None:
    t = thread(TEMPORAL_ENTRY, MALAR)
    del t["plane"]
    assert field_of(plan("lateral-left", "midface", t)) == "threads[0].plane"


def test_the_new_fields_survive_a_round_trip_through_json() -> None:
    t = anchored_thread(["periosteal", "subcutaneous"])
    t.update(instrument={"kind": "cannula", "gauge": "23G"}, entry_skin="hair_bearing")
    parsed = parse_plan(plan("lateral-left", "midface", t))
    again = parse_plan(parsed.model_dump(mode="json", exclude_defaults=True))
    assert again == parsed


# ------------------------------------------------------------------ scoring old plans


@pytest.mark.parametrize("name", reference_plan_names())
def test_giving_every_segment_the_threads_plane_changes_no_score(kb: Any, name: str) -> None:
    raw = reference(name)
    explicit = copy.deepcopy(raw)
    for t in explicit["threads"]:
        t["planes"] = [t["plane"]] * len(t["path"])
    assert score(kb, explicit).to_json() == score(kb, raw).to_json()


# ------------------------------------------------------------------ a plane per segment


def test_a_short_deep_temporal_anchor_then_a_subcutaneous_run_is_not_a_deep_lifting_thread(
    kb: Any,
) -> None:
    s = score(kb, plan("lateral-left", "midface", anchored_thread(["periosteal", "subcutaneous"])))
    assert not [f for f in by_rule(s, "plane_suitability") if f.severity == "critical"]
    # one thread is below the published count (an objective); no safety rule fails it
    safety_rules = {"plane_suitability", "zone_crossing", "near_miss", "instrument"}
    assert not [f for f in s.findings if f.severity == "critical" and f.rule in safety_rules]


@pytest.mark.parametrize("deep", ["sub_smas", "periosteal"])
def test_a_lifting_run_below_the_smas_is_still_critical_when_drawn_per_segment(
    kb: Any, deep: str
) -> None:
    s = score(kb, plan("lateral-left", "midface", anchored_thread(["subcutaneous", deep])))
    critical = [f for f in by_rule(s, "plane_suitability") if f.severity == "critical"]
    assert len(critical) == 1
    assert "segment 2" in critical[0].message
    assert s.passed is False


def test_a_deep_anchor_longer_than_the_anchoring_band_is_a_deep_run(kb: Any) -> None:
    longest = access_rules().anchoring_segment.max_length_mm
    top = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 74}
    low = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 74 - longest - 5}
    t = thread(top, low, MALAR, product=UNI)
    t.update(planes=["periosteal", "subcutaneous"], plane="subcutaneous")
    s = score(kb, plan("lateral-left", "midface", t))
    assert [f.severity for f in by_rule(s, "plane_suitability")].count("critical") == 1


def test_a_deep_segment_outside_the_temporal_anchoring_area_is_not_an_anchor(kb: Any) -> None:
    cheek = {"landmark": "alare_left", "anterior_mm": -34, "superior_mm": 8}
    t = thread(TEMPORAL_ENTRY, TEMPORAL_BITE, cheek, product=UNI)
    t.update(planes=["subcutaneous", "periosteal"], plane="periosteal")
    s = score(kb, plan("lateral-left", "midface", t))
    assert "critical" in [f.severity for f in by_rule(s, "plane_suitability")]


def test_a_zone_is_judged_by_the_plane_of_the_segment_that_crosses_it(kb: Any) -> None:
    def parotid(planes: list[str]) -> list[Any]:
        # segment 1 crosses the parotid duct; segment 2 runs up into the temple, clear of it
        t = thread([-25.0, 40.0], [-35.0, 10.0], [-25.0, -5.0])
        t.update(planes=planes, plane=planes[-1])
        found = by_rule(score(kb, plan("lateral-left", "jowl", t)), "zone_crossing")
        return [f for f in found if f.zone == "parotid_duct"]

    deep = parotid(["sub_smas", "subcutaneous"])
    assert [f.severity for f in deep] == ["critical"]
    assert "sub_smas" in deep[0].message
    assert "(segment 1)" in deep[0].message
    shallow = parotid(["subcutaneous", "sub_smas"])
    assert [f.severity for f in shallow] == ["warning"]
    assert "subcutaneous plane" in shallow[0].message


def test_moving_any_segment_deeper_never_lowers_a_zone_verdict(kb: Any) -> None:
    rank = {"info": 0, "warning": 1, "critical": 2}

    def worst(planes: list[str]) -> int:
        t = thread([-25.0, 20.0], PAROTID_MID, [-40.0, 45.0])
        t.update(planes=planes, plane=planes[-1])
        found = by_rule(score(kb, plan("lateral-left", "jowl", t)), "zone_crossing")
        return max((rank[f.severity] for f in found if f.zone == "parotid_duct"), default=-1)

    order = ["dermis", "subcutaneous", "smas", "sub_smas", "periosteal"]
    for a in order:
        for b in order:
            deeper_a = order[min(order.index(a) + 1, len(order) - 1)]
            assert worst([deeper_a, b]) >= worst([a, b])


# ------------------------------------------------------------------ instrument


def instrument_findings(kb: Any, plane: str, kind: str | None) -> list[Any]:
    t = thread(*OVER_FACIAL_ARTERY, plane=plane, product=BIDI)
    if kind is not None:
        t["instrument"] = {"kind": kind, "gauge": "23G"}
    return by_rule(score(kb, plan("lateral-left", "jowl", t)), "instrument")


def test_the_fixture_thread_crosses_the_facial_artery(kb: Any) -> None:
    t = thread(*OVER_FACIAL_ARTERY, plane="subcutaneous")
    zones = {f.zone for f in by_rule(score(kb, plan("lateral-left", "jowl", t)), "zone_crossing")}
    assert "facial_artery" in zones


def test_a_sharp_needle_across_an_artery_in_its_plane_is_critical_with_sources(kb: Any) -> None:
    found = instrument_findings(kb, "subcutaneous", "needle")
    artery = [f for f in found if f.zone == "facial_artery"]
    assert [f.severity for f in artery] == ["critical"]
    assert {"R80", "R81"} <= set(artery[0].sources)
    assert "a sharp needle (23G)" in artery[0].message


def test_a_blunt_cannula_in_the_arterys_plane_adds_no_instrument_finding(kb: Any) -> None:
    # the zone crossing itself is still critical: a cannula lowers the risk, it does not remove it
    assert [
        f for f in instrument_findings(kb, "subcutaneous", "cannula") if f.zone == "facial_artery"
    ] == []


def test_a_cannula_over_an_artery_is_safe_only_if_the_plane_is_held(kb: Any) -> None:
    found = [f for f in instrument_findings(kb, "dermis", "cannula") if f.zone == "facial_artery"]
    assert len(found) == 1
    assert found[0].severity != "critical"
    assert "safe only if the plane is held" in found[0].message


def test_a_needle_over_an_artery_is_a_warning(kb: Any) -> None:
    found = [f for f in instrument_findings(kb, "dermis", "needle") if f.zone == "facial_artery"]
    assert [f.severity for f in found] == ["warning"]


def test_no_instrument_stated_gives_no_instrument_finding(kb: Any) -> None:
    assert instrument_findings(kb, "subcutaneous", None) == []


def test_an_instrument_away_from_every_vessel_gives_no_finding(kb: Any) -> None:
    t = thread([-60.0, -60.0], [-75.0, -70.0], plane="subcutaneous")
    t["instrument"] = {"kind": "needle", "gauge": "21G"}
    assert by_rule(score(kb, plan("lateral-left", "jowl", t)), "instrument") == []


def test_a_needle_never_fails_a_plan_on_a_drawing_default_outline(kb: Any) -> None:
    from threadlift.anatomy import build_zones, template_face

    zones = build_zones(template_face("lateral-left"), kb)
    default = next(
        p
        for p in zones.pieces
        if p.zone == "superficial_temporal_artery" and p.status == "unconfirmed"
    )
    c = default.geometry.centroid
    t = thread([c.x - 12, c.y - 12], [c.x + 12, c.y + 12], plane="subcutaneous")
    t["instrument"] = {"kind": "needle"}
    found = by_rule(score(kb, plan("lateral-left", "jowl", t)), "instrument")
    assert [f.severity for f in found if f.zone == "superficial_temporal_artery"] == ["warning"]


# ------------------------------------------------------------------ entry skin


def test_a_hair_bearing_entry_gets_the_unconfirmed_alopecia_note(kb: Any) -> None:
    t = anchored_thread(["periosteal", "subcutaneous"])
    t["entry_skin"] = "hair_bearing"
    found = by_rule(score(kb, plan("lateral-left", "midface", t)), "entry_skin")
    assert [f.severity for f in found] == ["info"]
    assert found[0].sources == ("TA-FACTBASE",)
    assert "not been reported for threads" in found[0].message


@pytest.mark.parametrize("skin", ["non_hair_bearing", None])
def test_a_non_hair_bearing_or_unstated_entry_gets_no_finding(kb: Any, skin: str | None) -> None:
    t = anchored_thread(["periosteal", "subcutaneous"])
    if skin:
        t["entry_skin"] = skin
    assert by_rule(score(kb, plan("lateral-left", "midface", t)), "entry_skin") == []


# ------------------------------------------------------------------ properties

SEVERITY = {"info": 0, "warning": 1, "critical": 2}
PLANE_ORDER = ["dermis", "subcutaneous", "smas", "sub_smas", "periosteal"]
xy = st.lists(
    st.tuples(st.floats(-80, 0, allow_nan=False), st.floats(-20, 70, allow_nan=False)).map(list),
    min_size=2,
    max_size=4,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xy, st.sampled_from(PLANE_ORDER))
def test_planes_all_equal_to_the_plane_score_as_the_plane_alone(kb: Any, points, plane) -> None:
    one = thread(points[0], *points[1:], plane=plane)
    each = {**one, "planes": [plane] * (len(points) - 1)}
    a = score(kb, plan("lateral-left", "jowl", one)).to_json()
    assert score(kb, plan("lateral-left", "jowl", each)).to_json() == a


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xy, st.data())
def test_moving_one_segment_deeper_never_lowers_any_zone_verdict(kb: Any, points, data) -> None:
    n = len(points) - 1
    planes = data.draw(st.lists(st.sampled_from(PLANE_ORDER[:-1]), min_size=n, max_size=n))
    k = data.draw(st.integers(0, n - 1))
    deeper = [*planes]
    deeper[k] = PLANE_ORDER[PLANE_ORDER.index(planes[k]) + 1]

    def worst(ps: list[str]) -> dict[str | None, int]:
        t = {**thread(points[0], *points[1:]), "planes": ps, "plane": ps[-1]}
        out: dict[str | None, int] = {}
        for f in by_rule(score(kb, plan("lateral-left", "jowl", t)), "zone_crossing"):
            out[f.zone] = max(out.get(f.zone, 0), SEVERITY[f.severity])
        return out

    before, after = worst(planes), worst(deeper)
    for zone, level in before.items():
        assert after.get(zone, -1) >= level, zone
