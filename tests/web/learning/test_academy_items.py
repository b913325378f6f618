"""An academy's own published items join its courses' modules, and only its courses'."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.authoring.models import AuthoredQuestion, StatedReference, Status
from academy.authoring.services import save_item
from academy.catalog.models import Provider
from academy.learning import content
from tests.web.catalog import factories
from tests.web.conftest import client_for
from tests.web.learning.helpers import MODULE, start, use_whole_pool, world
from threadlift.content.authored import to_yaml

pytestmark = pytest.mark.django_db


def publish_question(provider: Provider, slug: str, *, cite: str = "R1") -> AuthoredQuestion:
    data: dict[str, Any] = {
        "module": MODULE,
        "outcome": content.curriculum().module(MODULE).outcomes[0].id,
        "kind": "single",
        "difficulty": 1,
        "stem": f"Our academy asks {slug}?",
        "options": [
            {"id": x, "text": f"Option {x}", "correct": x == "a", "why": f"Because {x}. [{cite}]"}
            for x in "abcd"
        ],
        "explanation": f"Explained by our academy. [{cite}]",
        "sources": [cite],
    }
    item = AuthoredQuestion(provider=provider, slug=slug, module_id=MODULE)
    item.source = to_yaml(data)
    references = list(StatedReference.objects.filter(provider=provider))
    save_item(item, author=provider.admins.first(), status=Status.PUBLISHED, references=references)
    return item


def test_an_academys_published_question_is_in_its_courses_pool_and_not_in_another_academys(
    lena: User, theo: User, ada: User
) -> None:
    w = world(lena, theo, ada)
    publish_question(w.run.course.provider, "ours")
    other = factories.course(factories.provider(name="Elsewhere Academy"))
    publish_question(other.provider, "theirs")
    ids = {q.id for q in content.question_pool(w.run.course, MODULE)}
    assert f"acad{w.run.course.provider_id}_ours" in ids
    assert not any(i.endswith("_theirs") for i in ids)
    curriculum = {q.id for q in content.curriculum().questions[MODULE]}
    assert curriculum <= ids


def test_a_learner_answers_an_academy_question_citing_its_stated_reference_and_sees_the_label(
    lena: User, theo: User, ada: User
) -> None:
    w = world(lena, theo, ada, quiz_size=200)
    provider = w.run.course.provider
    StatedReference.objects.create(
        provider=provider, number=1, citation="Harbour Academy handbook, 2026 edition"
    )
    publish_question(provider, "handbook", cite="ACAD-1")
    use_whole_pool(w.run)
    client = client_for(lena)
    attempt = start(client, w)
    position = next(i for i, entry in enumerate(attempt.items) if entry["id"].endswith("_handbook"))
    assert position >= 0
    attempt.finished_at = attempt.started_at
    attempt.save()
    result = client.get(reverse("learning:result", args=[attempt.pk])).content.decode()
    assert "Our academy asks handbook?" in result
    assert "Harbour Academy handbook, 2026 edition" in result
    assert "reference given by the academy, not checked by Threadlift" in result
