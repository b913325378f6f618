"""The audit trail: who changed enrolments, runs, courses, verifications and roles, when, and
what before and after; protected deletes; archived courses and runs hidden, never deleted.

Before: nothing recorded who changed a run or granted a role, deleting a provider removed its
courses, runs and learners' enrolments in one go, and there was no way to retire a course but
deleting it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role, RoleEvent, User
from academy.accounts.services import role_assign, role_remove
from academy.catalog import services
from academy.catalog.models import Course, CourseRun, Enrolment
from tests.web.builders import run_form
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: None) -> User:
    user = make_user("sam@example.org", "Sam Staff", Role.LEARNER)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def verified(user: User) -> User:
    user.profile.verified = True
    user.profile.save()
    return user


# Roles ---------------------------------------------------------------------------------------


def test_granting_and_removing_a_role_is_recorded(lena: User) -> None:
    role_assign(user=lena, role=Role.TRAINER)
    role_remove(user=lena, role=Role.TRAINER)
    events = list(RoleEvent.objects.filter(user=lena, role="trainer").order_by("at", "id"))
    assert [e.action for e in events] == ["granted", "removed"]
    assert events[0].by is None
    assert events[0].by_label.startswith("system")


def test_a_role_given_in_the_staff_admin_records_the_staff_member(staff: User, lena: User) -> None:
    learner = Group.objects.get(name="learner")
    admin = Group.objects.get_or_create(name="academy_admin")[0]
    response = client_for(staff).post(
        reverse("admin:accounts_user_change", args=[lena.pk]),
        {
            "email": lena.email,
            "full_name": lena.full_name,
            "is_active": "on",
            "groups": [str(learner.pk), str(admin.pk)],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = RoleEvent.objects.get(user=lena, role="academy_admin")
    assert (event.action, event.by) == ("granted", staff)
    page = client_for(staff).get(reverse("admin:accounts_roleevent_changelist")).content.decode()
    assert "sam@example.org" in page


def test_role_events_cannot_be_edited_or_deleted_by_staff(staff: User, lena: User) -> None:
    event = RoleEvent.objects.filter(user=lena).first()
    assert event is not None
    url = reverse("admin:accounts_roleevent_delete", args=[event.pk])
    assert client_for(staff).post(url, {"post": "yes"}).status_code == 403
    assert RoleEvent.objects.filter(pk=event.pk).exists()


def test_the_dashboard_names_roles_in_words(ada: User) -> None:
    html = client_for(ada).get(reverse("core:dashboard")).content.decode()
    assert '<span class="tag">Academy admin</span>' in html
    assert "Academyadmin" not in html


# History -------------------------------------------------------------------------------------


def test_a_run_edit_records_who_and_the_value_before_and_after(ada: User, staff: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), price=Decimal("900"))
    response = client_for(ada).post(
        reverse("catalog:run_edit", args=[run.pk]), run_form(price="1250")
    )
    assert response.status_code == 302
    latest, first = run.history.first(), run.history.last()
    assert latest is not None
    assert first is not None
    assert (latest.history_user, latest.price, first.price) == (
        ada,
        Decimal("1250"),
        Decimal("900"),
    )
    page = client_for(staff).get(reverse("admin:catalog_courserun_history", args=[run.pk]))
    assert page.status_code == 200
    assert "Ada Admin" in page.content.decode() or "ada@example.org" in page.content.decode()


def test_enrolling_and_cancelling_are_recorded_with_the_learner(lena: User) -> None:
    run = f.run()
    client = client_for(verified(lena))
    client.post(reverse("catalog:enrol", args=[run.pk]))
    enrolment = Enrolment.objects.get(learner=lena)
    client.post(reverse("catalog:cancel", args=[enrolment.pk]))
    statuses = [h.status for h in enrolment.history.order_by("history_date", "history_id")]
    assert statuses == ["enrolled", "cancelled"]
    assert {h.history_user for h in enrolment.history.all()} == {lena}


def test_a_course_publish_is_recorded(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]), published=False)
    client_for(ada).post(reverse("catalog:course_publish", args=[course.pk]), {"published": "on"})
    latest = course.history.first()
    assert latest is not None
    assert (latest.published, latest.history_user) == (True, ada)


def test_a_verification_is_in_the_profile_history(vera: User, nora: User) -> None:
    nora.profile.registration_number = "12A3456E"
    nora.profile.regulator = "NMC"
    nora.profile.save()
    client_for(vera).post(
        reverse("accounts:verify", args=[nora.profile.pk]),
        {"action": "verified", "evidence": "public_register"},
    )
    latest = nora.profile.history.first()
    assert latest is not None
    assert (latest.verified, latest.history_user) == (True, vera)


# Protected deletes ---------------------------------------------------------------------------


def test_deleting_a_course_or_provider_with_enrolments_is_refused(lena: User) -> None:
    run = f.run()
    services.enrolment_create(run_id=run.pk, learner=verified(lena), now=timezone.now())
    with pytest.raises(ProtectedError):
        run.course.delete()
    with pytest.raises(ProtectedError):
        run.course.provider.delete()
    assert Enrolment.objects.filter(learner=lena).exists()


def test_the_staff_admin_refuses_to_delete_a_provider_with_courses(staff: User) -> None:
    course = f.course()
    url = reverse("admin:catalog_provider_delete", args=[course.provider.pk])
    page = client_for(staff).get(url).content.decode()
    # Refused either way: courses are protected, and staff may not delete courses at all.
    assert "Yes, I’m sure" not in page
    assert "Cannot delete provider" in page or "permission to delete" in page
    client_for(staff).post(url, {"post": "yes"})
    assert Course.objects.filter(pk=course.pk).exists()


# Archiving -----------------------------------------------------------------------------------


def test_an_archived_run_leaves_the_catalog_and_cannot_be_enrolled(ada: User, lena: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada]), title="Archived midface course"))
    assert (
        "Archived midface course" in client_for(None).get(reverse("catalog:list")).content.decode()
    )
    response = client_for(ada).post(
        reverse("catalog:run_archive", args=[run.pk]), {"archived": "on"}
    )
    assert response.status_code == 302
    assert CourseRun.objects.get(pk=run.pk).archived
    assert (
        "Archived midface course"
        not in client_for(None).get(reverse("catalog:list")).content.decode()
    )
    assert client_for(None).get(reverse("catalog:run", args=[run.pk])).status_code == 404
    with pytest.raises(services.EnrolmentError):
        services.enrolment_create(run_id=run.pk, learner=verified(lena), now=timezone.now())


def test_an_archived_course_hides_its_page_and_runs_but_keeps_enrolments(
    ada: User, lena: User
) -> None:
    run = f.run(f.course(f.provider(admins=[ada])))
    services.enrolment_create(run_id=run.pk, learner=verified(lena), now=timezone.now())
    course = run.course
    client_for(ada).post(reverse("catalog:course_archive", args=[course.pk]), {"archived": "on"})
    course_url = reverse("catalog:course", args=[course.provider.slug, course.slug])
    assert client_for(None).get(course_url).status_code == 404
    assert client_for(None).get(reverse("catalog:run", args=[run.pk])).status_code == 404
    assert Enrolment.objects.filter(run=run, learner=lena).exists()
    home = client_for(ada).get(reverse("catalog:provider_home")).content.decode()
    assert course.title not in home
    assert (
        course.title
        in client_for(ada).get(reverse("catalog:provider_home") + "?archived=1").content.decode()
    )
    client_for(ada).post(reverse("catalog:course_archive", args=[course.pk]))  # restore
    assert client_for(None).get(course_url).status_code == 200


def test_another_academy_cannot_archive_my_run(ada: User) -> None:
    other = make_user("bob@example.org", "Bob Other", Role.ACADEMY_ADMIN)
    run = f.run(f.course(f.provider(admins=[ada])))
    response = client_for(other).post(
        reverse("catalog:run_archive", args=[run.pk]), {"archived": "on"}
    )
    assert response.status_code == 404
    assert not CourseRun.objects.get(pk=run.pk).archived


def test_the_staff_admin_archives_runs_and_courses_instead_of_deleting_them(
    staff: User,
) -> None:
    run = f.run()
    client = client_for(staff)
    assert (
        client.post(
            reverse("admin:catalog_courserun_delete", args=[run.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:catalog_course_delete", args=[run.course.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert CourseRun.objects.filter(pk=run.pk).exists()
