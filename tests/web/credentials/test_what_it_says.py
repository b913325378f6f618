"""The PDF, the public page and the JSON of one credential say the same: the rules that were met
and the values achieved when it was issued, dates and competencies in words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.credentials.dates import in_words
from academy.credentials.models import CompletionRule, Credential
from academy.learning import content as learning_content
from academy.learning.models import Attempt as QuizAttempt
from tests.web.builders import page_text, pdf_text, png_bytes
from tests.web.conftest import client_for, run_tasks
from threadlift.credentials import credential as cred

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/threadlift-shots"))


def give_the_academy_a_look(setup: Setup, ada: User) -> None:
    response = client_for(ada).post(
        reverse("credentials:look", args=[setup.provider.pk]),
        {
            "signatory_name": "Dr Amira Haddad",
            "signatory_role": "Medical director, Northern Thread Academy",
            "logo": SimpleUploadedFile("logo.png", png_bytes((15, 92, 99, 255)), "image/png"),
            "signature": SimpleUploadedFile("sig.png", png_bytes((20, 20, 80, 255)), "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def pass_the_exam(setup: Setup, lena: User, module: str, right: float, of: int) -> None:
    QuizAttempt.objects.create(
        learner=lena,
        run=setup.enrolment.run,
        mode="exam",
        seed=1,
        module_id=module,
        items=[{"id": f"q{i}", "options": []} for i in range(of)],
        pass_mark=70,
        total=right,
        finished_at=timezone.now(),
        passed=True,
    )


def test_the_pdf_the_public_page_and_the_json_say_the_same(
    setup: Setup, ada: User, lena: User, tmp_path: Path
) -> None:
    course = setup.enrolment.run.course
    CompletionRule.objects.create(
        course=course,
        kind="module_passed",
        label="Exam passed: complications",
        params={"module": "complications"},
        position=2,
    )
    pass_the_exam(setup, lena, "complications", right=17, of=20)  # 85 %
    give_the_academy_a_look(setup, ada)
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    credential = Credential.objects.get()
    doc = client_for(None).get(reverse("credentials:json", args=[credential.pk])).json()
    page = page_text(
        client_for(None).get(reverse("credentials:verify", args=[credential.pk])).content
    )
    pdf = pdf_text(
        client_for(lena).get(reverse("credentials:pdf", args=[credential.pk])).content, tmp_path
    )
    title = learning_content.curriculum().module("complications").title
    # The JSON: the rules met, and the exam mark as a result (a value achieved, not a target).
    requirements = cred.criteria_lines(doc)
    assert [r.split(" — ")[0] for r in requirements] == [
        "Attended the final assessment day",
        "Completed the course run",
        "Exam passed: complications",
    ]
    assert cred.result_lines(doc) == [(f"Exam mark: {title}", "85 %")]
    issued = in_words(doc["validFrom"])
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", issued)
    # The public page and the PDF say it in the same words.
    for text in (page, pdf):
        assert lena.full_name in text
        assert f"Exam mark: {title}: 85 %" in text.replace("Exam mark: ", "Exam mark: ")
        assert "Attended the final assessment day" in text
        assert issued in text
        assert "8 CPD hours" in text or "CPD hours 8" in text
        assert "anat_layers" not in text
        assert "complications_" not in text  # no outcome ids
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates
    assert "Dr Amira Haddad" in pdf
    assert "Medical director" in pdf
    assert "Dr Amira Haddad" not in page  # the signatory is on paper, not on the public page
    # Nothing is claimed that was not achieved: no cases, no DOPS level.
    for text in (page, pdf, str(doc)):
        assert "DOPS" not in text
        assert "Supervised cases" not in text
