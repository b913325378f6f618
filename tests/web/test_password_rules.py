"""Password rules: not the site's name, not a common password, not too long, not like the user."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from academy.accounts.models import User
from academy.accounts.validators import MaximumLengthValidator, SiteNameValidator
from tests.web.builders import SIGNUP


def refusal(password: str, user: User | None = None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@pytest.mark.parametrize(
    "password",
    ["Threadlift2026!", "my-threadlift-password", "THR3ADL1FT academy", "thread_lift_2026x"],
)
def test_a_password_built_on_the_sites_name_is_refused(password: str) -> None:
    assert "site's name" in refusal(password)


@given(
    prefix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_ ", max_size=12),
    suffix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_ ", max_size=12),
    upper=st.lists(st.booleans(), min_size=10, max_size=10),
)
def test_the_sites_name_is_found_wherever_it_sits_and_in_any_case(
    prefix: str, suffix: str, upper: list[bool]
) -> None:
    name = "".join(c.upper() if u else c for c, u in zip("threadlift", upper, strict=True))
    with pytest.raises(ValidationError):
        SiteNameValidator().validate(prefix + name + suffix)


@pytest.mark.parametrize("password", ["password123", "qwertyuiop", "iloveyou12"])
def test_common_passwords_are_refused(password: str) -> None:
    assert "too common" in refusal(password)


def test_a_password_longer_than_the_cap_is_refused_and_one_at_the_cap_is_not() -> None:
    validator = MaximumLengthValidator(max_length=128)
    validator.validate("x" * 128)
    with pytest.raises(ValidationError, match="at most 128 characters"):
        validator.validate("long-unusual-" + "x" * 200)
    assert "at most 128 characters" in refusal("long-unusual-" + "x" * 200)


@pytest.mark.django_db
def test_sign_up_shows_the_password_rules_as_field_messages() -> None:
    for password, message in [
        ("threadlift-is-great", "must not contain the site"),
        ("password123", "too common"),
        ("a" * 129 + "-unusual", "at most 128 characters"),
        ("ivy.stone.example", "too similar"),
    ]:
        response = Client().post(
            reverse("accounts:signup"),
            {
                **SIGNUP,
                "email": "ivy.stone@example.org",
                "password1": password,
                "password2": password,
            },
        )
        assert response.status_code == 200, password
        assert message in response.content.decode(), password
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_new_password_after_a_reset_or_change_follows_the_same_rules(lena: User) -> None:
    from tests.web.conftest import PASSWORD, client_for

    response = client_for(lena).post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Threadlift-rocks-2026",
            "new_password2": "Threadlift-rocks-2026",
        },
    )
    assert response.status_code == 200
    assert "must not contain the site" in response.content.decode()
