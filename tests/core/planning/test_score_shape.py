"""The score JSON of the contract."""

from __future__ import annotations

from threadlift.planning import parse_plan, score_plan

from .helpers import plan, thread

PAROTID_MID = {"between": ["intertragic_notch_left", "cheilion_left"], "t": 0.5}


def test_the_score_json_has_the_contract_shape(kb) -> None:
    raw = plan(
        "lateral-left", "jowl", thread([-25.0, 20.0], PAROTID_MID, [-40.0, 45.0], plane="sub_smas")
    )
    data = score_plan(parse_plan(raw), kb).to_json()
    assert set(data) == {"safety", "efficacy", "overall", "passed", "findings"}
    assert all(0 <= data[k] <= 100 for k in ("safety", "efficacy", "overall"))
    assert data["passed"] is False
    for finding in data["findings"]:
        assert {"rule", "severity", "thread", "message", "sources"} <= set(finding)
        assert set(finding) <= {"rule", "severity", "thread", "zone", "message", "sources"}
        assert finding["severity"] in {"critical", "warning", "info"}
        assert isinstance(finding["sources"], list)
    zoned = [f for f in data["findings"] if f["rule"] == "zone_crossing"]
    assert zoned
    assert all("zone" in f and f["thread"] == 0 for f in zoned)
    # near misses (issue 9) name their zone too
    zone_rules = {"zone_crossing", "near_miss"}
    assert all("zone" not in f for f in data["findings"] if f["rule"] not in zone_rules)


def test_a_critical_finding_fails_a_plan_whatever_its_efficacy(kb) -> None:
    raw = plan(
        "lateral-left", "jowl", thread([-25.0, 20.0], PAROTID_MID, [-40.0, 45.0], plane="sub_smas")
    )
    score = score_plan(parse_plan(raw), kb)
    assert any(f.severity == "critical" for f in score.findings)
    assert not score.passed
    assert score.safety < 100


def test_score_plan_also_takes_the_plan_json(kb) -> None:
    raw = plan("lateral-left", "jowl", thread([-25.0, 20.0], [-45.0, 55.0]))
    assert score_plan(raw, kb) == score_plan(parse_plan(raw), kb)
