"""`threadlift simulator check`: validate the exercises and score each model answer on its faces."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from threadlift.anatomy.variants import variant_face
from threadlift.errors import InputError
from threadlift.knowledge import load_knowledge
from threadlift.planning import reference_plan, score_plan
from threadlift.simulator.exercises import check_exercises
from threadlift.simulator.mastery import mastery_policy


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("simulator", help="check the simulator exercises")
    commands = parser.add_subparsers(dest="simulator_command", required=True, metavar="SUBCOMMAND")
    check = commands.add_parser(
        "check", help="validate every exercise and score its model answer on every face"
    )
    check.add_argument("--root", metavar="DIR", help="exercise directory (default: packaged)")
    check.set_defaults(func=check_command)


def check_command(args: argparse.Namespace) -> int:
    """Exit 0 with a line per exercise, or 1 listing every problem."""
    root = None
    if args.root is not None:
        root = Path(args.root)
        if not root.is_dir():
            raise InputError("--root", f"no such directory: {args.root}")
    kb = load_knowledge()
    exercises, problems = check_exercises(kb, root)
    policy = mastery_policy()
    for ex in exercises if not problems else ():
        plan = reference_plan(ex.reference_plan)
        scores = []
        for face_id in ex.faces:
            score = score_plan(plan, kb, variant_face(face_id, ex.view), objectives=ex.objectives)
            scores.append(score.overall)
            if not score.passed:
                problems.append(f"{ex.id}.yaml: faces: the model answer fails on {face_id!r}")
            elif score.overall < policy.default_for(ex.id):
                problems.append(
                    f"{ex.id}.yaml: faces: the model answer scores {score.overall} on "
                    f"{face_id!r}, below the default benchmark"
                )
        print(f"{ex.id}: {len(ex.faces)} faces, model answer overall {min(scores)}-{max(scores)}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"simulator: {len(problems)} problem(s)")
        return 1
    print(f"simulator: ok: {len(exercises)} exercises")
    return 0
