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
from threadlift.errors import InputError
from threadlift.knowledge.vocab import VIEWS
from threadlift.planning.variation import DEFAULT_SEED, MAX_FACES

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
    score.add_argument(
        "--variation",
        type=int,
        metavar="N",
        help=f"also score the plan on N faces sampled from published anatomical variation "
        f"(1 to {MAX_FACES}; the threads stay, the hidden anatomy varies); adds a "
        '"variation" block to --json',
    )
    score.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help=f"seed of the sampled faces (default {DEFAULT_SEED}); the same seed gives the "
        "same result",
    )
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

--variation N scores the same plan on N sampled faces: the threads stay where
they are drawn; the danger zones move as published anatomy varies (facial artery
crossing and course, marginal mandibular nerve below the border in a share of
people, foramina, bony landmarks; src/threadlift/anatomy/data/variation.yaml,
with sources and [U] marks). It adds "variation": {{faces, seed, passed_fraction,
zones: {{id: {{fraction, critical_fraction}}}}}}; a face passes when the plan passes
on its own face apart from zone crossings and no crossing on that face is critical.
The exit code is still the verdict on the plan's own face.

Exit codes: 0 passed, 1 not passed, 2 bad input (the field is named: unknown
landmarks or products, between.t outside [0, 1], points outside the face, planes
not one per segment, an unknown plane, instrument kind, gauge or entry skin,
--variation outside 1..{max_faces}, a negative --seed or --seed without --variation)."""


def _policy() -> dict[str, Any]:
    from threadlift.planning.params import rules

    r = rules()
    return {
        "max_faces": MAX_FACES,
        "pass_efficacy": r.score["pass_efficacy"],
        "too_long_tolerance_mm": r.length["too_long_tolerance_mm"],
        "near_miss_mm": r.near_miss["margin_mm"],
        **{
            k: r.verdict[k] for k in ("reversed_pull_deg", "thread_count_tolerance", "safety_floor")
        },
    }


def _input_error(field: str, message: str) -> Exception:
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


def _checked_variation(args: argparse.Namespace) -> tuple[int, int] | None:
    from threadlift.planning.variation import VariationError, check_request

    faces = getattr(args, "variation", None)
    seed = getattr(args, "seed", None)
    if faces is None:
        if seed is not None:
            raise _input_error("--seed", "needs --variation N (the number of sampled faces)")
        return None
    try:
        return check_request(faces, DEFAULT_SEED if seed is None else seed)
    except VariationError as exc:
        raise _input_error(f"--{exc.field}", exc.message) from None


def format_variation(block: dict[str, Any]) -> str:
    """The variation block as text: the share of faces passed, then each zone entered."""
    lines = [
        f"Across {block['faces']} sampled faces (seed {block['seed']}): passed on "
        f"{block['passed_fraction']:.0%} (a model of published variation, see variation.yaml)"
    ]
    for zone, share in block["zones"].items():
        if share["fraction"]:
            lines.append(
                f"  {zone.replace('_', ' ')}: entered on {share['fraction']:.0%}, "
                f"critical on {share['critical_fraction']:.0%}"
            )
    return "\n".join(lines)


def run_score(args: argparse.Namespace) -> int:
    variation = _checked_variation(args)
    plan, face, score, kb = _load_and_score(args.plan, "plan", args.face)
    out = score.to_json()
    if variation is not None:
        from threadlift.planning.scoring import build_context
        from threadlift.planning.variation import score_variation

        faces, seed = variation
        ctx = build_context(plan, kb, face)
        out["variation"] = score_variation(ctx, score, faces=faces, seed=seed).to_json()
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(format_report(plan, score))
        if "variation" in out:
            print(format_variation(out["variation"]))
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
