"""Published reference techniques pass the zone rules on every face they claim (issue 19).

Zone findings only (danger zones and no-go regions): the efficacy verdict is another rule's.
Each reference plan is scored on the template face of its view and on every simulator face.
"""

from __future__ import annotations

import pytest

from threadlift.anatomy.variants import face_ids, variant_face
from threadlift.planning import reference_plan, score_plan
from threadlift.planning.reference import reference_plan_names

CASES = [
    (name, face_id)
    for name in reference_plan_names()
    for face_id in ("template", *face_ids(reference_plan(name).view))
]


@pytest.mark.parametrize(("name", "face_id"), CASES)
def test_each_reference_plan_has_no_critical_zone_finding_on_each_face(kb, name, face_id) -> None:
    plan = reference_plan(name)
    face = None if face_id == "template" else variant_face(face_id, plan.view)
    score = score_plan(plan, kb, face=face)
    critical = [
        (f.zone, f.thread, f.message)
        for f in score.findings
        if f.severity == "critical" and (f.zone is not None or f.rule == "zone_crossing")
    ]
    assert critical == []
