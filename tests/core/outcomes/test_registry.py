"""Registry tables: rates per group with intervals, small groups hidden, flags against the
published pooled rates; and the distance from a plan's threads to each zone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.knowledge import load_knowledge
from threadlift.outcomes import ANY, DIMENSIONS, CaseOutcome, Published, distance_table, rate_table
from threadlift.outcomes.policy import due_dates, outcomes_policy
from threadlift.planning import build_context, parse_plan
from threadlift.planning.proximity import zone_distances


def case(complications: tuple[str, ...] = (), **groups: str) -> CaseOutcome:
    base = {d: "x" for d in DIMENSIONS} | groups
    return CaseOutcome(groups=base, complications=frozenset(complications))


def cases(n: int, with_complication: int, **groups: str) -> list[CaseOutcome]:
    return [case(("infection",) if k < with_complication else (), **groups) for k in range(n)]


def test_rates_per_group_carry_their_interval_and_case_count():
    data = cases(40, 4, material="pdo") + cases(20, 1, material="plla")
    table = rate_table(data, "material", "infection", threshold=10)
    by = {r.group: r for r in table.rows}
    assert by["pdo"].cases == 40
    assert by["pdo"].rate is not None
    assert by["pdo"].rate.events == 4
    assert by["pdo"].rate.low < 0.1 < by["pdo"].rate.high
    assert table.total.cases == 60


def test_a_small_group_is_hidden_and_takes_another_with_it_so_the_total_reveals_neither():
    data = cases(40, 4, material="pdo") + cases(12, 1, material="pcl") + cases(3, 1, material="x")
    table = rate_table(data, "material", ANY, threshold=10)
    by = {r.group: r for r in table.rows}
    assert by["x"].cases is None
    assert by["x"].rate is None
    assert by["pcl"].cases is None  # 55 - 40 would otherwise give back x's 3
    assert by["pdo"].cases == 40
    assert table.total.cases == 55
    assert table.suppressed == 2


def test_a_rate_whose_lower_bound_exceeds_the_lowest_published_pooled_rate_is_flagged():
    published = [
        Published(percent=2.0, figure="2%", source="R1"),
        Published(percent=5.0, figure="5%", source="R2"),
    ]
    high = rate_table(
        cases(50, 10, plane="smas"), "plane", "infection", threshold=10, published=published
    )
    low = rate_table(
        cases(50, 1, plane="smas"), "plane", "infection", threshold=10, published=published
    )
    assert high.flagged
    assert not low.flagged


def test_an_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="unknown dimension"):
        rate_table([], "colour", ANY, threshold=10)


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.booleans()), max_size=80))
def test_no_shown_group_or_total_gives_away_a_group_under_the_threshold(rows):
    data = [case(("pain",) if ill else (), plane=g) for g, ill in rows]
    table = rate_table(data, "plane", ANY, threshold=10)
    shown = [r.cases for r in table.rows if r.cases is not None]
    assert all(n >= 10 for n in shown)
    hidden = [r for r in table.rows if r.cases is None]
    if table.total.cases is not None and hidden:
        # the total minus what is shown is the sum of at least two hidden groups
        assert len(hidden) >= 2


def test_distance_bands_count_cases_by_how_close_their_threads_came():
    bands = [(b.label, b.max) for b in outcomes_policy().registry.distance_bands_mm]
    near = [
        CaseOutcome(
            groups={},
            complications=frozenset({"pain"}) if k < 3 else frozenset(),
            zone_distances={"facial_artery": 1.0},
        )
        for k in range(12)
    ]
    far = [CaseOutcome(groups={}, zone_distances={"facial_artery": 30.0}) for _ in range(15)]
    table = distance_table(near + far, "facial_artery", bands, threshold=10, complication=ANY)
    by = {r.group: r for r in table.rows}
    assert by["Within 2 mm"].cases == 12
    assert by["Within 2 mm"].rate is not None
    assert by["Within 2 mm"].rate.events == 3
    assert by["More than 10 mm"].cases == 15


def test_follow_ups_are_due_on_the_policy_days_after_treatment():
    import datetime as dt

    days = [(v.day, d) for v, d in due_dates(dt.date(2026, 3, 1))]
    assert days == [
        (3, dt.date(2026, 3, 4)),
        (14, dt.date(2026, 3, 15)),
        (90, dt.date(2026, 5, 30)),
    ]
    assert outcomes_policy().follow_ups.evidence == "unconfirmed"


def test_a_reference_plan_keeps_its_distance_from_the_zones_it_avoids():
    from threadlift.planning.reference import reference_plan

    kb = load_knowledge()
    plan = parse_plan(reference_plan("jowl"))
    distances = zone_distances(build_context(plan, kb))
    assert distances  # some zone is in a plane at risk for these threads
    assert all(d >= 0 for d in distances.values())


def test_a_thread_through_a_zone_at_risk_is_at_distance_zero():
    kb = load_knowledge()
    plan = parse_plan(
        {
            "view": "frontal",
            "indication": "jowl",
            "threads": [
                {
                    "product": {
                        "material": "pdo",
                        "design": "cog_bidirectional",
                        "length_mm": 90,
                        "gauge": "19G",
                    },
                    "entry": {"landmark": "zygion_left"},
                    "path": [{"landmark": "cheilion_left"}],
                    "plane": "sub_smas",
                }
            ],
        }
    )
    distances = zone_distances(build_context(plan, kb))
    assert 0.0 in distances.values()


def test_a_complication_leads_back_to_the_lessons_that_teach_it_and_their_items():
    from threadlift.content.curriculum import load_content
    from threadlift.outcomes.curriculum import teaching_for

    content = load_content(load_knowledge())
    teaching = teaching_for(content, "infection")
    assert "infection" in [lesson.id for lesson in teaching.lessons]
    assert teaching.items
    assert all(
        q.outcome in {o for x in teaching.lessons for o in x.outcomes} for q in teaching.items
    )
    assert teaching_for(content, "no_such_complication").lessons == ()


def test_every_device_report_form_cites_known_sources_and_shows_its_grade():
    from threadlift.outcomes.device_reports import fill, report_forms

    known = {s.id for s in load_knowledge().sources}
    for form in report_forms():
        assert set(form.sources) <= known
        assert form.evidence == "unconfirmed"
        filled = fill(form, {})
        assert all(not f.filled for f in filled.fields)
        assert "not sent to anyone on your behalf" in filled.as_text()


def test_the_distance_table_counts_only_the_chosen_complication():
    bands = [(b.label, b.max) for b in outcomes_policy().registry.distance_bands_mm]
    data = [
        CaseOutcome(
            groups={},
            complications=frozenset({"swelling"} if k < 6 else {"infection"} if k < 8 else set()),
            zone_distances={"facial_artery": 30.0},
        )
        for k in range(20)
    ]
    table = distance_table(data, "facial_artery", bands, threshold=10, complication="infection")
    far = next(r for r in table.rows if r.group == "More than 10 mm")
    assert far.rate is not None
    assert far.rate.events == 2
