"""Monotonicity: adding a problem never improves a verdict; a red flag never lowers urgency."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.assessment import assess, parse_profile, thread_options, triage
from threadlift.assessment.suitability import VERDICTS
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import INDICATION_IDS, SYMPTOMS, URGENCIES

from .conftest import medical, patient

KB = load_knowledge()
CONDITIONS = [c.id for c in KB.contraindications]
RED_FLAG_SYMPTOMS = sorted(
    {s for rule in KB.triage_rules if rule.red_flag and not rule.all_of for s in rule.any_of}
)

areas = st.dictionaries(
    st.sampled_from(INDICATION_IDS),
    st.fixed_dictionaries(
        {
            "laxity": st.integers(0, 4),
            "concern": st.sampled_from(["sagging", "volume_loss", "skin_quality", "wrinkles"]),
        }
    ),
    min_size=1,
    max_size=4,
)
profiles = st.fixed_dictionaries(
    {
        "age": st.integers(18, 90),
        "glogau": st.integers(1, 4),
        "smoker": st.booleans(),
        "areas": areas,
        "conditions": st.lists(st.sampled_from(CONDITIONS), unique=True, max_size=4),
        "skin": st.fixed_dictionaries(
            {
                "thickness": st.sampled_from(["thin", "normal", "thick"]),
                "photodamage": st.sampled_from(["none", "mild", "moderate", "severe"]),
            }
        ),
        "screening": st.sampled_from(
            [{}, {"dcq": [1, 1, 1, 1, 1, 1, 1]}, {"dcq": [2, 2, 2, 2, 1, 0, 0]}]
        ),
    }
)


def verdict(data: dict[str, Any]) -> int:
    return VERDICTS.index(assess(parse_profile(patient(**data), KB), KB).verdict)


@settings(max_examples=150, deadline=None)
@given(profiles, st.sampled_from(CONDITIONS))
def test_adding_a_condition_never_improves_the_verdict(data: dict[str, Any], extra: str) -> None:
    more = {**data, "conditions": sorted({*data["conditions"], extra})}
    assert verdict(more) >= verdict(data)


LIFTING = next(r.when.concerns for r in KB.suitability_rules if r.id == "no_laxity_to_lift")


@settings(max_examples=150, deadline=None)
@given(profiles, st.data())
def test_raising_laxity_never_improves_the_verdict(data: dict[str, Any], draw: Any) -> None:
    """From grade 1 up, or for a concern that is not a lift; grade 0 with a lifting concern is
    the no-laxity rule (nothing to lift), tested below."""
    area = draw.draw(st.sampled_from(sorted(data["areas"])))
    laxity = data["areas"][area]["laxity"]
    if laxity == 0 and data["areas"][area]["concern"] in LIFTING:
        laxity = 1
        data = {**data, "areas": {**data["areas"], area: {**data["areas"][area], "laxity": 1}}}
    raised = draw.draw(st.integers(laxity, 4))
    more = {**data, "areas": {**data["areas"], area: {**data["areas"][area], "laxity": raised}}}
    assert verdict(more) >= verdict(data)


@settings(max_examples=100, deadline=None)
@given(profiles, st.sampled_from(INDICATION_IDS), st.sampled_from(LIFTING))
def test_a_lift_asked_for_at_laxity_0_is_never_suitable_for_that_area(
    data: dict[str, Any], area: str, concern: str
) -> None:
    data = {**data, "areas": {**data["areas"], area: {"laxity": 0, "concern": concern}}}
    result = assess(parse_profile(patient(**data), KB), KB)
    assert {a.area: a.verdict for a in result.areas}[area] == "not_suitable"
    assert thread_options(KB, area, result) == ()  # type: ignore[arg-type]


FLAGS = [
    "allergy_local_anaesthetic",
    "allergy_polymer",
    "isotretinoin_last_6_months",
    "recent_dental_treatment_or_infection",
    "cold_sores_in_area",
    "permanent_filler_in_area",
]
history_items = st.fixed_dictionaries(
    {
        "area": st.sampled_from(INDICATION_IDS),
        "treatment": st.sampled_from(["threads", "filler", "surgery"]),
        "months_ago": st.floats(0, 60),
        "material": st.sampled_from([None, "pdo", "plla", "plcl", "pcl", "polypropylene"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(profiles, st.lists(st.sampled_from(FLAGS), unique=True), st.sampled_from(FLAGS))
def test_a_yes_in_the_medical_history_never_improves_the_verdict(
    data: dict[str, Any], flags: list[str], extra: str
) -> None:
    def with_flags(chosen: list[str]) -> dict[str, Any]:
        return {**data, "medical": medical(**dict.fromkeys(chosen, True))}

    assert verdict(with_flags([*flags, extra])) >= verdict(with_flags(flags))


@settings(max_examples=150, deadline=None)
@given(profiles, st.lists(history_items, max_size=3), history_items, st.floats(0, 1))
def test_more_or_more_recent_history_never_improves_the_verdict(
    data: dict[str, Any], history: list[dict[str, Any]], extra: dict[str, Any], sooner: float
) -> None:
    before = {**data, "history": history}
    assert verdict({**data, "history": [*history, extra]}) >= verdict(before)
    recent = [{**h, "months_ago": h["months_ago"] * sooner} for h in history]
    assert verdict({**data, "history": recent}) >= verdict(before)


@settings(max_examples=150, deadline=None)
@given(profiles, st.integers(0, 10))
def test_getting_older_never_improves_the_verdict(data: dict[str, Any], years: int) -> None:
    older = {**data, "age": min(120, data["age"] + years)}
    assert verdict(older) >= verdict(data)


symptom_sets = st.lists(st.sampled_from(SYMPTOMS), unique=True, max_size=6)
days = st.integers(0, 400)


@settings(max_examples=300, deadline=None)
@given(symptom_sets, st.sampled_from(RED_FLAG_SYMPTOMS), days)
def test_adding_a_red_flag_symptom_never_lowers_urgency_and_is_at_least_urgent(
    symptoms: list[str], flag: str, day: int
) -> None:
    before = triage(KB, symptoms, day)  # type: ignore[arg-type]
    after = triage(KB, [*symptoms, flag], day)  # type: ignore[arg-type]
    assert URGENCIES.index(after.urgency) >= URGENCIES.index(before.urgency)
    assert after.urgency in ("urgent", "emergency")
    assert after.red_flags


@settings(max_examples=300, deadline=None)
@given(symptom_sets, st.sampled_from(SYMPTOMS), days)
def test_adding_any_symptom_never_lowers_urgency(symptoms: list[str], extra: str, day: int) -> None:
    before = triage(KB, symptoms, day)  # type: ignore[arg-type]
    after = triage(KB, [*symptoms, extra], day)  # type: ignore[arg-type]
    assert URGENCIES.index(after.urgency) >= URGENCIES.index(before.urgency)


def test_the_red_flag_symptoms_include_the_issue_s_examples() -> None:
    assert {"facial_weakness", "visual_change", "blanching_or_dusky_skin"} <= set(RED_FLAG_SYMPTOMS)


def _rank(result: object) -> int:
    return URGENCIES.index(result.urgency)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(symptom_sets, days, st.integers(1, 400))
def test_a_later_day_lowers_urgency_only_where_a_rule_s_window_ends(
    symptoms: list[str], day: int, later: int
) -> None:
    before = triage(KB, symptoms, day)  # type: ignore[arg-type]
    after = triage(KB, symptoms, day + later)  # type: ignore[arg-type]
    rules = {r.id: r for r in KB.triage_rules}
    lasting = [
        m
        for m in (*before.matches, *before.superseded)
        if (w := rules[m.rule].days) is None or w.max_days is None
    ]
    floor = max((URGENCIES.index(m.urgency) for m in lasting), default=0)
    assert _rank(after) >= floor


@settings(max_examples=300, deadline=None)
@given(symptom_sets, days)
def test_no_advice_shown_contradicts_the_overall_urgency(symptoms: list[str], day: int) -> None:
    result = triage(KB, symptoms, day)  # type: ignore[arg-type]
    for m in result.matches:
        assert URGENCIES.index(m.urgency) <= _rank(result)
        if m.urgency != result.urgency:
            assert m.urgency_label.startswith("On its own: ")
            rank = URGENCIES.index(m.urgency)
            more = {
                s for o in result.matches if URGENCIES.index(o.urgency) > rank for s in o.matched
            }
            assert not set(m.matched) <= more  # else it would have been superseded
    shown = {m.rule for m in result.matches}
    assert not shown & {m.rule for m in result.superseded}
