"""Follow-ups of treated cases: scheduled from the policy, reminded on the day, recorded with
complications and triage, and private to the case's clinician, trainers and academy admins."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from academy.accounts.models import User
from academy.logbook.models import Case
from academy.outcomes.models import FollowUp, FollowUpComplication, FollowUpStatus
from academy.outcomes.tasks import follow_up_reminder
from tests.web.conftest import client_for, run_tasks
from tests.web.logbook.helpers import hands_on_run, log_case
from tests.web.outcomes.builders import treated_case

pytestmark = pytest.mark.django_db


def record_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "seen": "yes",
        "seen_on": (timezone.localdate()).isoformat(),
        "not_seen_reason": "",
        "symptoms": ["swelling", "redness", "warmth", "fever"],
        "satisfaction": "3",
        "notes": "Tender over the left jowl.",
        "complications-TOTAL_FORMS": "2",
        "complications-INITIAL_FORMS": "0",
        "complications-MIN_NUM_FORMS": "0",
        "complications-MAX_NUM_FORMS": "10",
        "complications-0-complication": "infection",
        "complications-0-severity": "moderate",
        "complications-0-onset_day": "2",
        "complications-0-management": "Oral antibiotics; review in 48 hours.",
        "complications-0-resolved_on": "",
    }
    data.update(overrides)
    return data


def test_logging_a_case_schedules_its_follow_ups_on_the_policy_days(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    due = list(FollowUp.objects.filter(case=case).values_list("day", "due_on", "status"))
    assert due == [
        (3, case.date + dt.timedelta(days=3), "due"),
        (14, case.date + dt.timedelta(days=14), "due"),
        (90, case.date + dt.timedelta(days=90), "due"),
    ]
    from django_tasks_db.models import DBTaskResult

    reminders = DBTaskResult.objects.filter(task_path__endswith="follow_up_reminder")
    assert reminders.count() == 3  # one per visit, each held until its due day
    assert min(r.run_after for r in reminders).date() == case.date + dt.timedelta(days=3)


def test_changing_the_case_date_moves_follow_ups_not_yet_recorded(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=10)
    from tests.web.outcomes.builders import seen

    seen(case, day=3)
    case.date -= dt.timedelta(days=2)
    case.save()
    from academy.outcomes.services import schedule_follow_ups

    schedule_follow_ups(case=case)
    by_day = {f.day: f for f in FollowUp.objects.filter(case=case)}
    assert by_day[14].due_on == case.date + dt.timedelta(days=14)
    assert by_day[3].due_on == case.date + dt.timedelta(days=2 + 3)  # recorded: kept


# transaction=True: the worker (run_tasks) checks connections; on PostgreSQL that needs commits
@pytest.mark.django_db(transaction=True)
def test_a_reminder_is_sent_on_the_due_day_only_while_the_follow_up_is_due(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=1)
    day3, day14 = (FollowUp.objects.get(case=case, day=d) for d in (3, 14))
    day14.status = FollowUpStatus.NOT_SEEN  # recorded already: no reminder
    day14.save()
    assert follow_up_reminder.call(follow_up_id=day14.pk, due_on=day14.due_on.isoformat()) is False
    stale = follow_up_reminder.call(follow_up_id=day3.pk, due_on="2000-01-01")
    assert stale is False  # the case moved: the reminder of its old date sends nothing
    assert follow_up_reminder.call(follow_up_id=day3.pk, due_on=day3.due_on.isoformat()) is True
    run_tasks()  # the worker sends the e-mail the reminder queued (last: it closes connections)
    assert [m.to for m in mail.outbox] == [[lena.email]]
    assert f"case {case.pk}" in mail.outbox[0].subject
    assert f"/outcomes/follow-ups/{day3.pk}/" in mail.outbox[0].body


def test_a_clinician_records_a_complication_and_sees_the_triage_at_once(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=4)
    item = FollowUp.objects.get(case=case, day=3)
    response = client_for(lena).post(f"/outcomes/follow-ups/{item.pk}/record/", record_post())
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "seen"
    assert item.had_complication is True
    assert item.urgency in {"urgent", "emergency"}
    assert list(item.complications.values_list("complication", flat=True)) == ["infection"]
    page = client_for(lena).get(response["Location"]).content.decode()
    assert "Triage of the symptoms reported" in page
    assert f'data-urgency="{item.urgency}"' in page
    assert "Where the threads ran" in page


def test_a_resolved_date_before_onset_is_a_field_error_and_nothing_is_saved(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=10)
    item = FollowUp.objects.get(case=case, day=3)
    before_onset = (case.date + dt.timedelta(days=1)).isoformat()
    response = client_for(lena).post(
        f"/outcomes/follow-ups/{item.pk}/record/",
        record_post(**{"complications-0-resolved_on": before_onset}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "before the onset" in page
    assert "Oral antibiotics" in page  # what was typed is kept
    item.refresh_from_db()
    assert item.status == "due"
    assert not FollowUpComplication.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"complications-0-complication": "no_such_thing"}, "Select a valid choice"),
        ({"seen": "no", "not_seen_reason": ""}, "Say why the patient was not seen"),
        ({"seen_on": "2001-01-01"}, "after the procedure date"),
        ({"complications-0-severity": ""}, "Give the severity"),
        ({"complications-0-onset_day": "30"}, "The onset is after the visit"),
    ],
)
def test_bad_follow_up_input_gets_a_field_message(lena: User, theo: User, overrides, message):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=10)
    item = FollowUp.objects.get(case=case, day=3)
    response = client_for(lena).post(
        f"/outcomes/follow-ups/{item.pk}/record/", record_post(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert FollowUp.objects.get(pk=item.pk).status == "due"


def test_an_untreated_case_has_no_follow_up_to_record(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=10)
    Case.objects.filter(pk=case.pk).update(date=timezone.localdate() + dt.timedelta(days=1))
    item = FollowUp.objects.get(case=case, day=3)
    response = client_for(lena).post(
        f"/outcomes/follow-ups/{item.pk}/record/", record_post(seen_on="")
    )
    assert response.status_code == 400
    response = client_for(lena).post(
        f"/outcomes/follow-ups/{item.pk}/record/",
        record_post(**{"seen": "no", "not_seen_reason": "declined"}),
    )
    assert response.status_code == 400
    assert "untreated case has no follow-up" in response.content.decode()


def test_the_calendar_lists_the_follow_ups_still_due(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=1)
    response = client_for(lena).get(f"/outcomes/cases/{case.pk}/follow-ups.ics")
    assert response["Content-Type"] == "text/calendar"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 3
    assert f"logbook case {case.pk}" in body
    assert lena.full_name not in body  # no patient or clinician detail in a calendar


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 90)).save(out, format="JPEG")
    return out.getvalue()


def test_a_photo_is_private_to_those_who_see_the_case(lena, nora, theo, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "logbook_photos": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    run = hands_on_run(theo, lena)
    case = treated_case(lena, run, days_ago=4)
    item = FollowUp.objects.get(case=case, day=3)
    upload = SimpleUploadedFile("wound.jpg", _jpeg(), content_type="image/jpeg")
    response = client_for(lena).post(
        f"/outcomes/follow-ups/{item.pk}/record/", {**record_post(), "photo": upload}
    )
    assert response.status_code == 302
    photo = item.photos.get()
    url = f"/outcomes/photos/{photo.pk}/"
    assert client_for(lena).get(url).status_code == 200
    assert client_for(theo).get(url).status_code == 200
    assert client_for(nora).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_only_the_case_people_see_a_follow_up_and_only_its_clinician_records_it(
    lena: User, nora: User, theo: User, ada: User
):
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    otto = make_user("otto@example.org", "Dr Otto Other", Role.TRAINER)
    run = hands_on_run(theo, lena, nora, admins=[ada])
    case = treated_case(lena, run, days_ago=4)
    item = FollowUp.objects.get(case=case, day=3)
    detail = f"/outcomes/follow-ups/{item.pk}/"
    record = f"{detail}record/"
    assert client_for(lena).get(detail).status_code == 200
    assert client_for(theo).get(detail).status_code == 200
    assert client_for(ada).get(detail).status_code == 200
    assert client_for(nora).get(detail).status_code == 404
    assert client_for(otto).get(detail).status_code == 404
    assert client_for(None).get(detail).status_code == 302
    assert client_for(nora).post(record, record_post()).status_code == 404
    assert client_for(theo).post(record, record_post()).status_code == 403
    assert client_for(otto).get(f"/outcomes/cases/{case.pk}/").status_code == 404
    assert client_for(nora).get(f"/outcomes/cases/{case.pk}/follow-ups.ics").status_code == 404
    assert FollowUp.objects.get(pk=item.pk).status == "due"
