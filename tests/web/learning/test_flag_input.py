"""A flag comment carrying a NUL character is a bad request, not a 500 (issue 25: PostgreSQL
refuses NUL in text, so the comment failed at the database)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.learning.models import ItemFlagReport
from tests.web.conftest import client_for
from tests.web.learning import helpers as h

pytestmark = pytest.mark.django_db


def test_a_flag_comment_with_a_nul_character_is_refused_and_nothing_is_stored(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    url = reverse("learning:flag", args=[attempt.pk, 0])
    assert client.post(url, {"comment": "Option B\x00 reads oddly."}).status_code == 400
    assert not ItemFlagReport.objects.exists()
    assert client.post(url, {"comment": "Option B reads oddly."}).status_code == 302
    assert ItemFlagReport.objects.count() == 1
