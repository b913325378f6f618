"""Score equivalence harness (a tool, not a test module): every byte of `score_plan` on a fixed
corpus, written before a change to the scorer and compared after it.

    cd tests/core/planning
    ../../../.venv/bin/python score_equivalence.py write /tmp/before.json [inputs.pkl]
    # ... change the scorer ...
    ../../../.venv/bin/python score_equivalence.py write /tmp/after.json [inputs.pkl]
    ../../../.venv/bin/python score_equivalence.py compare /tmp/before.json /tmp/after.json

The corpus: every reference plan on the template and every face of its view, every simulator
exercise's model answer on each face it claims (with its objectives), the benchmark's 12-thread
plan shifted 20 ways, and 600 random plans (seeded: products by id and inline, planes per
segment, instruments, entry skin, objectives) on templates and sampled faces. `inputs.pkl`, if
given, adds recorded `(plan, face, objectives)` inputs (e.g. every call the core tests make).
Per item it records the contract JSON, the model dump, the repr, each finding's fields set,
`check_objectives`, and for every seventh item the variation block on 50 faces; an error is
recorded as its type, message and field.
"""

from __future__ import annotations

import json
import pickle
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

from bench_scoring import twelve_thread_plan

from threadlift.anatomy.faces import template_face
from threadlift.anatomy.models import MIDLINE_LANDMARKS
from threadlift.anatomy.variants import face_ids, variant_face
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import DESIGN_IDS, INDICATION_IDS, MATERIAL_IDS, PLANES
from threadlift.planning import (
    build_context,
    check_objectives,
    parse_plan,
    reference_plan,
    score_plan,
)
from threadlift.planning.objectives import Objectives
from threadlift.planning.reference import reference_plan_names
from threadlift.planning.variation import score_variation
from threadlift.simulator.exercises import load_exercises

Item = tuple[str, Any, Any, Objectives | None]  # label, plan, face (None, Face, (id, view))


def corpus(recorded: str | None = None) -> list[Item]:
    items: list[Item] = []
    for name in reference_plan_names():
        plan = reference_plan(name)
        for fid in ("template", *face_ids(plan.view)):
            face = None if fid == "template" else (fid, plan.view)
            items.append((f"ref:{name}:{fid}", plan, face, None))
    for ex in load_exercises():
        plan = reference_plan(ex.reference_plan)
        for fid in ex.faces:
            items.append((f"ex:{ex.id}:{fid}", plan, (fid, ex.view), ex.objectives))
    for k in range(20):
        raw = twelve_thread_plan(shift=(0.37 * k) % 10.0)
        items.append((f"bench12:{k}", parse_plan(raw), None, None))
    if recorded:
        with open(recorded, "rb") as fh:
            for i, (plan, face, objectives) in enumerate(pickle.load(fh)):
                items.append((f"recorded:{i}", plan, face, objectives))
    items += random_plans(600, seed=20261207)
    return items


def random_plans(n: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    products = sorted(p.id for p in load_knowledge().products)
    out: list[Item] = []
    for k in range(n):
        view = rng.choice(("frontal", "lateral-left", "lateral-right"))
        template = template_face(view)

        threads = []
        for _ in range(rng.randint(0, 9)):
            segments = rng.randint(1, 4)
            entry = _random_point(rng, view, template)
            path = [_random_point(rng, view, template) for _ in range(segments)]
            t: dict[str, Any] = {"entry": entry, "path": path}
            if rng.random() < 0.4:
                t["product"] = rng.choice(products)
            else:
                t["product"] = {
                    "material": rng.choice(MATERIAL_IDS),
                    "design": rng.choice(DESIGN_IDS),
                    "length_mm": rng.choice([12.5, 30, 50, 60, 80, 100, 150]),
                    "gauge": rng.choice(["19G", "21G", "23G"]),
                }
            if rng.random() < 0.3:
                t["planes"] = [rng.choice(PLANES) for _ in range(segments)]
                t["plane"] = t["planes"][-1]
            else:
                t["plane"] = rng.choice(PLANES)
            if rng.random() < 0.3:
                t["instrument"] = {"kind": rng.choice(["needle", "cannula"])}
            if rng.random() < 0.2:
                t["entry_skin"] = rng.choice(["hair_bearing", "non_hair_bearing"])
            threads.append(t)
        raw = {"view": view, "indication": rng.choice(INDICATION_IDS), "threads": threads}
        face = None if rng.random() < 0.4 else (rng.choice(face_ids(view)), view)
        objectives = None
        if rng.random() < 0.25:
            low = rng.randint(1, 3)
            objectives = Objectives(
                threads_per_side=(low, low + rng.randint(0, 2)),
                target_fraction=rng.choice([None, 0.5, 0.8]),
            )
        out.append((f"random:{k}", raw, face, objectives))
    return out


def _random_point(rng: random.Random, view: str, template: Any) -> Any:
    """An anchored, between or [x, y] point near the template's landmarks."""
    names = sorted(template.landmarks)
    r = rng.random()
    if r < 0.45:
        name = rng.choice(names)
        p: dict[str, Any] = {"landmark": name, "superior_mm": rng.uniform(-25, 25)}
        offset = rng.uniform(-20, 20)
        if view != "frontal":
            p["anterior_mm"] = offset
        elif name not in MIDLINE_LANDMARKS:
            p["medial_mm"] = offset
        return p
    if r < 0.75:
        a, b = rng.sample(names, 2)
        return {"between": [a, b], "t": round(rng.uniform(0, 1), 4)}
    x, y = rng.choice(list(template.landmarks.values()))
    return [x + rng.uniform(-15, 15), y + rng.uniform(-15, 15)]


def outputs(items: list[Item]) -> dict[str, dict[str, Any]]:
    kb = load_knowledge()
    out: dict[str, dict[str, Any]] = {}
    for i, (label, plan, face, objectives) in enumerate(items):
        if isinstance(face, tuple):
            face = variant_face(face[0], face[1])
        rec: dict[str, Any] = {}
        try:
            score = score_plan(plan, kb, face, objectives=objectives)
        except Exception as exc:  # the error is part of the output
            rec["error"] = f"{type(exc).__name__}: {exc} | {getattr(exc, 'field', None)}"
            out[label] = rec
            continue
        rec["json"] = json.dumps(score.to_json(), ensure_ascii=False)
        rec["dump"] = score.model_dump_json()
        rec["repr"] = repr(score)
        rec["fields_set"] = [sorted(f.model_fields_set) for f in score.findings]
        checks = check_objectives(plan, kb, face, objectives)
        rec["checks"] = [c.model_dump_json() for c in checks]
        if i % 7 == 0:
            parsed = parse_plan(plan) if isinstance(plan, dict) else plan
            block = score_variation(build_context(parsed, kb, face), score, faces=50, seed=i)
            rec["variation"] = json.dumps(block.to_json())
        out[label] = rec
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"] and len(argv) in (2, 3):
        items = corpus(argv[2] if len(argv) == 3 else None)
        result = outputs(items)
        Path(argv[1]).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=0))
        errors = sum("error" in r for r in result.values())
        print(f"{len(result)} items ({errors} bad input) written to {argv[1]}")
        return 0
    if argv[:1] == ["compare"] and len(argv) == 3:
        a, b = (json.loads(Path(p).read_text()) for p in argv[1:])
        differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        print(f"{len(a)} and {len(b)} items; {len(differ)} differ")
        for label in differ[:10]:
            fields = (a.get(label) or {}).keys() | (b.get(label) or {}).keys()
            for field in sorted(fields):
                before, after = (a.get(label) or {}).get(field), (b.get(label) or {}).get(field)
                if before != after:
                    print(f"{label} {field}\n  before: {before!s:.400}\n  after:  {after!s:.400}")
        return 1 if differ else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
