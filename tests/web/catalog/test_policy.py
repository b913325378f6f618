"""The access policy: who teaches, administers or learns on a run, and whose learners they see.

Personas (tests/web/conftest.py): Lena learns, Theo trains and Ada administers our academy;
Tess trains and Bob administers a second academy, and both must be refused ours.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tess(db: None) -> User:
    """Tess trains for the second academy."""
    return make_user("tess@example.org", "Dr Tess Elsewhere", Role.TRAINER)


@pytest.fixture
def bob(db: None) -> User:
    """Bob administers the second academy."""
    return make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)


@pytest.fixture
def world(theo: User, ada: User, lena: User, tess: User, bob: User) -> dict[str, Any]:
    """Our academy (Ada admin, Theo on one run, Lena enrolled on it; a second run without Theo)
    and the second academy (Bob admin, Tess on its run, Lena also enrolled there)."""
    ours = f.provider(admins=[ada])
    taught = f.run(f.course(ours))
    taught.trainers.set([theo])
    other_run = f.run(f.course(ours))
    theirs = f.provider(admins=[bob])
    elsewhere = f.run(f.course(theirs))
    elsewhere.trainers.set([tess])
    Enrolment.objects.create(run=taught, learner=lena, status=EnrolmentStatus.ENROLLED)
    return {
        "ours": ours,
        "taught": taught,
        "other_run": other_run,
        "theirs": theirs,
        "elsewhere": elsewhere,
    }


def ids(runs: Any) -> set[int]:
    return {r.pk for r in runs}


def test_a_trainer_staffs_exactly_the_runs_they_are_listed_on(
    theo: User, tess: User, world: dict[str, Any]
) -> None:
    assert ids(policy.runs_staffed_by(theo)) == {world["taught"].pk}
    assert ids(policy.runs_staffed_by(tess)) == {world["elsewhere"].pk}
    assert policy.staffs_run(theo, world["taught"])
    assert not policy.staffs_run(theo, world["other_run"])
    assert not policy.staffs_run(tess, world["taught"])


def test_someone_listed_on_a_run_without_the_trainer_role_staffs_nothing(
    lena: User, world: dict[str, Any]
) -> None:
    world["other_run"].trainers.add(lena)
    assert not policy.runs_staffed_by(lena).exists()
    assert not policy.watches_run(lena, world["other_run"])


def test_an_admin_administers_their_own_academy_and_not_the_second_one(
    ada: User, bob: User, theo: User, world: dict[str, Any]
) -> None:
    assert list(policy.academies_administered_by(ada)) == [world["ours"]]
    assert policy.administers_academy(ada, world["ours"].pk)
    assert not policy.administers_academy(ada, world["theirs"].pk)
    assert not policy.administers_academy(bob, world["ours"].pk)
    assert not policy.academies_administered_by(theo).exists()


def test_a_second_academys_admin_gets_404_for_our_academy_and_a_trainer_403(
    ada: User, bob: User, theo: User, world: dict[str, Any]
) -> None:
    assert policy.get_provider_for_admin(ada, world["ours"].pk) == world["ours"]
    with pytest.raises(Http404):
        policy.get_provider_for_admin(bob, world["ours"].pk)
    with pytest.raises(PermissionDenied):
        policy.get_provider_for_admin(theo, world["ours"].pk)


def test_an_admin_watches_every_run_of_their_academy_and_a_trainer_only_theirs(
    ada: User, theo: User, bob: User, world: dict[str, Any]
) -> None:
    assert ids(policy.runs_watched_by(ada)) == {world["taught"].pk, world["other_run"].pk}
    assert ids(policy.runs_watched_by(theo)) == {world["taught"].pk}
    assert ids(policy.runs_watched_by(bob)) == {world["elsewhere"].pk}


def test_a_user_who_both_trains_and_administers_sees_each_run_once(
    ada: User, world: dict[str, Any]
) -> None:
    from academy.accounts.services import role_assign

    role_assign(user=ada, role=Role.TRAINER)
    world["taught"].trainers.add(ada)
    runs = list(policy.runs_watched_by(ada))
    assert sorted(r.pk for r in runs) == sorted({world["taught"].pk, world["other_run"].pk})


def test_the_runs_trainer_and_the_academys_admin_may_view_the_learner_the_second_academy_may_not(
    lena: User, theo: User, ada: User, tess: User, bob: User, world: dict[str, Any]
) -> None:
    run = world["taught"]
    assert policy.may_view_learner(theo, lena, run)
    assert policy.may_view_learner(ada, lena, run)
    assert policy.may_view_learner(theo, lena)
    assert not policy.may_view_learner(tess, lena, run)
    assert not policy.may_view_learner(bob, lena, run)
    assert not policy.may_view_learner(tess, lena)
    assert not policy.may_view_learner(bob, lena)


def test_a_learner_sees_their_own_work_and_no_one_elses(
    lena: User, nora: User, world: dict[str, Any]
) -> None:
    Enrolment.objects.create(run=world["taught"], learner=nora, status=EnrolmentStatus.ENROLLED)
    assert policy.may_view_learner(lena, lena, world["taught"])
    assert not policy.may_view_learner(lena, nora, world["taught"])
    assert not policy.may_view_learner(lena, nora)


def test_a_learner_learns_only_on_runs_they_hold_a_seat_on(
    lena: User, world: dict[str, Any]
) -> None:
    waitlisted = f.run(f.course(world["ours"]))
    Enrolment.objects.create(run=waitlisted, learner=lena, status=EnrolmentStatus.WAITLISTED)
    called_off = f.run(f.course(world["ours"]), cancelled=True)
    Enrolment.objects.create(run=called_off, learner=lena, status=EnrolmentStatus.ENROLLED)
    assert [e.run_id for e in policy.enrolments_for_learner(lena)] == [world["taught"].pk]
    assert policy.enrolment_for_learner(lena, world["taught"].pk) is not None
    assert policy.enrolment_for_learner(lena, waitlisted.pk) is None
    assert policy.enrolment_for_learner(lena, called_off.pk) is None
    # the check asked on every view of the run page gives the same answers
    assert policy.learns_on(lena, world["taught"].pk)
    assert not policy.learns_on(lena, waitlisted.pk)
    assert not policy.learns_on(lena, called_off.pk)
    assert not policy.learns_on(lena, world["other_run"].pk)


def test_learning_on_a_run_ends_with_the_seat_or_the_run_on_the_next_ask(
    lena: User, nora: User, world: dict[str, Any]
) -> None:
    run = world["taught"]
    assert policy.learns_on(lena, run.pk)
    assert not policy.learns_on(nora, run.pk)
    Enrolment.objects.filter(learner=lena, run=run).update(status=EnrolmentStatus.CANCELLED)
    assert not policy.learns_on(lena, run.pk)
    Enrolment.objects.filter(learner=lena, run=run).update(status=EnrolmentStatus.ENROLLED)
    CourseRun.objects.filter(pk=run.pk).update(cancelled=True)
    assert not policy.learns_on(lena, run.pk)


def test_an_enrolment_is_reached_by_its_learner_only(
    lena: User, nora: User, world: dict[str, Any]
) -> None:
    enrolment = Enrolment.objects.get(learner=lena)
    assert policy.get_enrolment_for_learner(lena, enrolment.pk) == enrolment
    with pytest.raises(Http404):
        policy.get_enrolment_for_learner(nora, enrolment.pk)


def test_an_academys_trainers_are_those_who_teach_one_of_its_runs(
    theo: User, tess: User, lena: User, world: dict[str, Any]
) -> None:
    world["other_run"].trainers.add(lena)  # listed, but not a trainer
    assert list(policy.trainers_of_academy(world["ours"].pk)) == [theo]
    assert list(policy.trainers_of_academy(world["theirs"].pk)) == [tess]


def test_academy_staff_are_its_admins_and_the_trainers_of_its_runs(
    ada: User, theo: User, tess: User, lena: User, world: dict[str, Any]
) -> None:
    assert list(policy.academies_staffed_by(ada)) == [world["ours"]]
    assert list(policy.academies_staffed_by(theo)) == [world["ours"]]
    assert list(policy.academies_staffed_by(tess)) == [world["theirs"]]
    assert not policy.academies_staffed_by(lena).exists()


def test_each_answer_takes_a_bounded_number_of_queries_whatever_the_number_of_runs(
    ada: User, theo: User, lena: User, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for _ in range(12):
        run = f.run(f.course(world["ours"]))
        run.trainers.add(theo)
        Enrolment.objects.create(run=run, learner=lena, status=EnrolmentStatus.ENROLLED)
    for user in (ada, theo):
        user.has_role(Role.TRAINER)  # the roles are read once per user object
        with django_assert_max_num_queries(1):
            assert len(list(policy.runs_watched_by(user))) >= 13
        with django_assert_max_num_queries(1):
            assert policy.may_view_learner(user, lena)
    with django_assert_max_num_queries(1):
        assert len(list(policy.trainers_of_academy(world["ours"].pk))) == 1


def test_a_trainer_on_the_roster_belongs_to_the_academy_but_sees_no_learners_until_on_a_run(
    lena: User, world: dict[str, Any]
) -> None:
    rita = make_user("rita@example.org", "Dr Rita Rookie", Role.TRAINER)
    world["ours"].trainers.add(rita)
    assert rita in policy.trainers_of_academy(world["ours"].pk)
    assert rita not in policy.trainers_of_academy(world["theirs"].pk)
    assert list(policy.academies_staffed_by(rita)) == [world["ours"]]
    assert not policy.runs_watched_by(rita).exists()
    assert not policy.may_view_learner(rita, lena)
    assert rita not in policy.trainers_of_run(world["taught"])


# A property: whatever the staffing, `may_view_learner` says yes exactly when the user is the
# learner, or the run is one they staff or one of an academy they administer.

PEOPLE = ("t1", "t2", "a1", "a2", "l1", "l2")
ROLES = {
    "t1": Role.TRAINER,
    "t2": Role.TRAINER,
    "a1": Role.ACADEMY_ADMIN,
    "a2": Role.ACADEMY_ADMIN,
    "l1": Role.LEARNER,
    "l2": Role.LEARNER,
}
LEARNERS = ("l1", "l2")

run_plans = st.lists(
    st.fixed_dictionaries(
        {
            "academy": st.integers(0, 1),
            # anyone may be listed on a run; only a trainer's listing counts
            "trainers": st.sets(st.sampled_from(PEOPLE), max_size=3),
            "enrolled": st.dictionaries(
                st.sampled_from(LEARNERS), st.sampled_from(list(EnrolmentStatus))
            ),
        }
    ),
    min_size=1,
    max_size=4,
)
admin_plans = st.tuples(
    st.sets(st.sampled_from(PEOPLE), max_size=3), st.sets(st.sampled_from(PEOPLE), max_size=3)
)


@pytest.fixture
def people(db: None) -> dict[str, User]:
    return {name: make_user(f"{name}@example.org", name.upper(), ROLES[name]) for name in PEOPLE}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans=run_plans, admins=admin_plans)
def test_may_view_learner_is_staffing_or_administering_the_run(
    people: dict[str, User], plans: list[dict[str, Any]], admins: tuple[set[str], set[str]]
) -> None:
    with transaction.atomic():
        academies = [f.provider(admins=[people[n] for n in names]) for names in admins]
        runs: list[tuple[CourseRun, dict[str, Any]]] = []
        for plan in plans:
            run = f.run(f.course(academies[plan["academy"]]))
            run.trainers.set([people[n] for n in plan["trainers"]])
            for name, status in plan["enrolled"].items():
                Enrolment.objects.create(run=run, learner=people[name], status=status)
            runs.append((run, plan))

        def expected_watch(name: str, plan: dict[str, Any]) -> bool:
            staffs = ROLES[name] is Role.TRAINER and name in plan["trainers"]
            administers = ROLES[name] is Role.ACADEMY_ADMIN and name in admins[plan["academy"]]
            return staffs or administers

        for name, user in people.items():
            watched = {run.pk for run, plan in runs if expected_watch(name, plan)}
            assert ids(policy.runs_watched_by(user)) == watched
            for learner_name in LEARNERS:
                learner = people[learner_name]
                for run, _plan in runs:
                    assert policy.may_view_learner(user, learner, run) == (
                        name == learner_name or run.pk in watched
                    )
                assert policy.may_view_learner(user, learner) == (
                    name == learner_name
                    or any(run.pk in watched and learner_name in p["enrolled"] for run, p in runs)
                )
        transaction.set_rollback(True)  # nothing of this example survives it
