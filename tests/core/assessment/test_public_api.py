"""The package's public names are what `__all__` says, and the CLI is registered."""

from __future__ import annotations

import threadlift.assessment
from threadlift.cli import COMMAND_MODULES, build_parser


def test_every_public_name_exists() -> None:
    for name in threadlift.assessment.__all__:
        assert hasattr(threadlift.assessment, name), name


def test_the_public_functions_take_the_knowledge_base_as_an_argument() -> None:
    import inspect

    names = ("assess", "thread_options", "expectations", "aftercare_schedule", "triage")
    for name in (*names, "consent_document"):
        parameters = inspect.signature(getattr(threadlift.assessment, name)).parameters
        assert "kb" in parameters, name


def test_the_assessment_commands_are_registered() -> None:
    assert "threadlift.assessment.cli" in COMMAND_MODULES
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"assess", "triage", "aftercare", "consent"} <= set(commands)
