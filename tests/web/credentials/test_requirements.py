"""The requirement-kind registry other apps plug into."""

from __future__ import annotations

import pytest

from academy.catalog.models import Enrolment
from academy.credentials import requirements, services

from .conftest import Setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def restore_registry():  # type: ignore[no-untyped-def]
    saved = dict(requirements._KINDS)
    yield
    requirements._KINDS.clear()
    requirements._KINDS.update(saved)


def test_an_evaluator_may_take_the_enrolment_alone_or_with_its_rule(
    setup: Setup, restore_registry: None
) -> None:
    requirements.register_kind("module_passed", "Module passed", lambda e: (True, "Passed"))
    requirements.register_kind(
        "simulator_mastered", "Simulator", lambda e, rule: (rule.params.get("ok", False), "")
    )
    course = setup.enrolment.run.course
    course.completion_rules.create(kind="module_passed", label="Module 1")
    course.completion_rules.create(kind="simulator_mastered", label="Sim", params={"ok": True})
    items = {item.rule.label: item.met for item in services.checklist(setup.enrolment)}
    assert items["Module 1"] is True
    assert items["Sim"] is True


def test_an_evaluator_that_fails_does_not_count_as_met(
    setup: Setup, restore_registry: None
) -> None:
    def broken(enrolment: Enrolment) -> tuple[bool, str]:
        raise RuntimeError("no data")

    requirements.register_kind("attendance", "Attendance", broken)
    setup.enrolment.run.course.completion_rules.create(kind="attendance", label="Attended")
    item = next(i for i in services.checklist(setup.enrolment) if i.rule.label == "Attended")
    assert not item.met
    assert "could not be checked" in item.detail
