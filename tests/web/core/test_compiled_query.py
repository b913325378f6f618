"""A query compiled once and asked again with new values gives the ORM's answer every time, and
refuses a marker it cannot place exactly once."""

from __future__ import annotations

import pytest

from academy.accounts.models import Role, User
from academy.core.compiled import Compiled
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_compiled_query_answers_as_the_orm_for_every_value(lena: User) -> None:
    theo = make_user("theo2@example.org", "Dr Theo Two", Role.TRAINER)
    by_id_and_name = Compiled(
        lambda pk, other: User.objects.filter(pk=pk).exclude(pk=other), markers=(-101, -102)
    )
    for pk in (lena.pk, theo.pk, max(lena.pk, theo.pk) + 1):
        for other in (lena.pk, theo.pk, 0):
            want = User.objects.filter(pk=pk).exclude(pk=other).exists()
            assert by_id_and_name.exists(pk, other) is want


def test_a_marker_that_is_not_a_parameter_of_its_own_is_refused() -> None:
    twice = Compiled(lambda a: User.objects.filter(pk=a) | User.objects.filter(id=a), markers=(-7,))
    with pytest.raises(ValueError, match="marker -7 appears 2 times"):
        twice.exists(1)
    missing = Compiled(lambda a: User.objects.all(), markers=(-8,))
    with pytest.raises(ValueError, match="marker -8 appears 0 times"):
        missing.exists(1)
