"""`threadlift score` and `threadlift zones`: plan scoring and danger-zone pictures.

Exit codes: score → 0 passed, 1 not passed; both → 2 on bad input (raised as
`threadlift.cli.InputError` naming the field), never a traceback.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from threadlift.anatomy.points import PointError
from threadlift.anatomy.variants import face_ids
from threadlift.knowledge.vocab import VIEWS

FACE_HELP = "score on this face variant instead of the plan's face (see the simulator)"


def register(subparsers: Any) -> None:
    """Add the `score` and `zones` sub-commands to the dispatcher's subparsers."""
    score = subparsers.add_parser(
        "score",
        help="score a thread plan (exit 0 passed, 1 not passed, 2 bad input)",
        description=PASS_RULE.format(**_policy()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument("plan", metavar="PLAN.json", help="thread plan (JSON, see DESIGN.md)")
    score.add_argument("--json", action="store_true", help="print the score JSON of the contract")
    score.add_argument("--face", choices=face_ids("frontal"), help=FACE_HELP)
    score.set_defaults(func=run_score)

    zones = subparsers.add_parser("zones", help="draw a face's danger zones (and a plan) as SVG")
    zones.add_argument("--view", required=True, choices=VIEWS, help="face view")
    zones.add_argument("--plan", metavar="PLAN.json", help="overlay this plan and its findings")
    zones.add_argument("--svg", required=True, metavar="OUT.svg", help="where to write the SVG")
    zones.add_argument("--face", choices=face_ids("frontal"), help="draw this face variant")
    zones.set_defaults(func=run_zones)


PASS_RULE = """\
Score a thread plan against the danger zones and the published technique.

"passed" is a clinical verdict, not a mark: a plan passes only when it has no
critical finding AND its efficacy is at least {pass_efficacy}/100. Critical findings:
  - a thread crossing a danger zone in a plane where its structure is at risk
    (or deeper), or a lifting thread below the SMAS in the lateral face (judged per
    segment when the plan gives "planes"; a short deep temporal anchor is not a lift);
  - a sharp needle crossing a vessel's zone in a plane where the vessel lies;
  - a unidirectional barbed thread pulling against the lift direction (more than
    {reversed_pull_deg} degrees off), floating (fixed end outside every anchoring
    area) or fixed in the area to be lifted;
  - a path longer than the thread by more than {too_long_tolerance_mm} mm;
  - threads per side more than {thread_count_tolerance} beyond the published range;
  - a safety score below {safety_floor}/100.
Warnings (near misses within {near_miss_mm} mm of a zone, off-label product use,
designs the technique does not use, ...) lower the scores but do not fail alone.
The tolerances, the floor and the pass mark are our policy, marked unconfirmed
in src/threadlift/planning/data/rules.yaml (see its README).

Exit codes: 0 passed, 1 not passed, 2 bad input (the field is named: unknown
landmarks or products, between.t outside [0, 1], points outside the face, planes
not one per segment, an unknown plane, instrument kind, gauge or entry skin)."""


def _policy() -> dict[str, Any]:
    from threadlift.planning.params import rules

    r = rules()
    return {
        "pass_efficacy": r.score["pass_efficacy"],
        "too_long_tolerance_mm": r.length["too_long_tolerance_mm"],
        "near_miss_mm": r.near_miss["margin_mm"],
        **{
            k: r.verdict[k] for k in ("reversed_pull_deg", "thread_count_tolerance", "safety_floor")
        },
    }


def _input_error(field: str, message: str) -> Exception:
    from threadlift.cli import InputError  # the dispatcher imports us: import late

    return InputError(field, message)


def _read_json(path: str, field: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _input_error(field, f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _input_error(field, f"cannot read {path}: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _input_error(field, f"invalid JSON at line {exc.lineno} column {exc.colno}") from None


def _load_and_score(path: str, field: str, face_id: str | None = None) -> tuple[Any, Any, Any, Any]:
    from threadlift.anatomy.variants import variant_face
    from threadlift.knowledge import load_knowledge
    from threadlift.planning.parse import PlanError, parse_plan
    from threadlift.planning.scoring import plan_face, score_plan

    raw = _read_json(path, field)
    kb = load_knowledge()
    try:
        plan = parse_plan(raw)
        face = plan_face(plan) if face_id is None else variant_face(face_id, plan.view)
        score = score_plan(plan, kb, face)
    except (PlanError, PointError) as exc:
        raise _input_error(exc.field or "plan", exc.message) from None
    return plan, face, score, kb


def format_report(plan: Any, score: Any) -> str:
    """A readable report of a score: verdict, sub-scores, then findings by severity."""
    verdict = "PASSED" if score.passed else "NOT PASSED"
    lines = [
        f"{plan.indication} plan, {plan.view} view, {len(plan.threads)} thread(s): {verdict}",
        f"  safety {score.safety}/100 · efficacy {score.efficacy}/100 · "
        f"overall {score.overall}/100",
    ]
    if not score.findings:
        lines.append("  no findings")
    order = {"critical": 0, "warning": 1, "info": 2}
    for f in sorted(score.findings, key=lambda f: order[f.severity]):
        where = "plan" if f.thread is None else f"thread {f.thread + 1}"
        zone = f" [{f.zone}]" if f.zone else ""
        cite = f" ({', '.join(f.sources)})" if f.sources else ""
        lines.append(f"  {f.severity.upper():8} {f.rule} · {where}{zone}: {f.message}{cite}")
    return "\n".join(lines)


def run_score(args: argparse.Namespace) -> int:
    plan, _face, score, _kb = _load_and_score(args.plan, "plan", args.face)
    if args.json:
        print(json.dumps(score.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_report(plan, score))
    return 0 if score.passed else 1


def run_zones(args: argparse.Namespace) -> int:
    from threadlift.anatomy.svg import render_face
    from threadlift.anatomy.variants import variant_face
    from threadlift.anatomy.zones import build_zones
    from threadlift.knowledge import load_knowledge
    from threadlift.planning.svg import render_plan

    if args.plan:
        plan, face, score, kb = _load_and_score(args.plan, "--plan", args.face)
        if plan.view != args.view:
            raise _input_error("--view", f"is {args.view!r} but the plan's view is {plan.view!r}")
    else:
        plan = score = None
        kb = load_knowledge()
        face = variant_face(args.face or "female", args.view)
    zones = build_zones(face, kb)
    svg = render_face(face, zones) if plan is None else render_plan(face, zones, plan, score)
    try:
        Path(args.svg).write_text(svg, encoding="utf-8")
    except OSError as exc:
        raise _input_error("--svg", f"cannot write {args.svg}: {exc.strerror}") from None
    print(f"wrote {args.svg}")
    return 0
