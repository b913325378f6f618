"""Competency: per-course practice rules (the academy's policy), the learner's progress, and
the trainer's sign-off with the second factor once every rule is met."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from academy.accounts.models import User
from academy.logbook.competency import RuleProgress
from academy.logbook.models import Case, CompetencyRule, CompetencySignoff
from academy.logbook.services import case_countersign
from tests.web.conftest import client_for, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def test_progress_moves_as_cases_are_signed_and_the_trainer_signs_off(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=2, supervision="supervised"
    )
    log_case(client_for(lena), run)
    log_case(client_for(lena), run)
    page = client_for(lena).get("/logbook/").content.decode()
    assert "0/2" in page
    assert "the academy's practice rules" in page
    assert "TA-FACTBASE" in page
    first, second = Case.objects.order_by("id")
    case_countersign(case=first, signer=theo)
    assert "1/2" in client_for(lena).get("/logbook/").content.decode()
    url = f"/logbook/learners/{lena.pk}/courses/{run.course_id}/sign-off/"
    client_for(theo).post(url, {"sign-secret": totp_code(persona_device(theo))})
    assert not CompetencySignoff.objects.exists()  # a rule is not met yet
    case_countersign(case=second, signer=theo)
    page = client_for(theo).get(f"/logbook/learners/{lena.pk}/").content.decode()
    assert "All rules met" in page
    assert "Sign off competency" in page
    client_for(theo).post(url, {"sign-secret": totp_code(persona_device(theo), offset_steps=1)})
    signoff = CompetencySignoff.objects.get()
    assert signoff.signed_by == theo
    assert len(signoff.content_hash) == 64
    assert "Competency signed off" in client_for(lena).get("/logbook/").content.decode()


def test_a_wrong_code_does_not_sign_off(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=1, supervision="supervised"
    )
    log_case(client_for(lena), run)
    case_countersign(case=Case.objects.get(), signer=theo)
    url = f"/logbook/learners/{lena.pk}/courses/{run.course_id}/sign-off/"
    client_for(theo).post(url, {"sign-secret": "999999"})
    assert not CompetencySignoff.objects.exists()


def test_dops_rules_need_enough_different_trainers(lena: User, theo: User, tara: User) -> None:
    from academy.logbook.competency import progress_for
    from academy.logbook.models import Dops

    run = hands_on_run(theo, lena)
    run.trainers.add(tara)
    CompetencyRule.objects.create(
        course=run.course, kind="dops", count=2, min_level=2, min_trainers=2
    )
    log_case(client_for(lena), run)
    log_case(client_for(lena), run)
    for case in Case.objects.all():
        Dops.objects.create(case=case, trainer=theo, status="signed", overall=3, signed_by=theo)
    (progress,) = progress_for(lena, [run.course])
    rule = progress.rules[0]
    assert (rule.done, rule.trainers_done, rule.met) == (2, 1, False)
    Dops.objects.filter(pk=Dops.objects.first().pk).update(signed_by=tara)  # type: ignore[union-attr]
    (progress,) = progress_for(lena, [run.course])
    assert progress.all_met


@settings(max_examples=50, deadline=None)
@given(
    done=st.integers(0, 1000),
    needed=st.integers(1, 999),
    tdone=st.integers(0, 20),
    tneeded=st.integers(0, 20),
)
def test_a_rule_is_met_exactly_when_both_counts_are_reached(
    done: int, needed: int, tdone: int, tneeded: int
) -> None:
    rule = CompetencyRule(kind="dops", count=needed)
    progress = RuleProgress(rule, "", done, needed, tdone, tneeded)
    assert progress.met == (done >= needed and tdone >= tneeded)
    assert 0 <= progress.percent <= 100


def test_the_academy_admin_edits_the_courses_practice_rules_with_field_messages(
    lena: User, theo: User, ada: User
) -> None:
    run = hands_on_run(theo, lena, admins=[ada])
    url = f"/logbook/courses/{run.course_id}/rules/"
    base = {
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "30",
        "rules-0-kind": "dops",
        "rules-0-count": "2",
        "rules-0-supervision": "",
        "rules-0-indication": "",
        "rules-0-min_level": "",
        "rules-0-min_trainers": "2",
    }
    response = client_for(ada).post(url, base)
    assert response.status_code == 400
    assert "names the overall level" in response.content.decode()
    response = client_for(ada).post(url, {**base, "rules-0-min_level": "3"})
    assert response.status_code == 302
    rule = CompetencyRule.objects.get(course=run.course)
    assert (rule.kind, rule.count, rule.min_level, rule.min_trainers) == ("dops", 2, 3, 2)
    bad = {**base, "rules-0-min_level": "3", "rules-0-count": "99999999999999999999"}
    huge = client_for(ada).post(url, bad)
    assert huge.status_code == 400
