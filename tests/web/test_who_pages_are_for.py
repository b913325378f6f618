"""Every role can be named in a 403's reason ("This page is for …")."""

from __future__ import annotations

from academy.accounts.access import page_is_for
from academy.accounts.models import Role


def test_every_role_has_words_for_the_refusal_page() -> None:
    for role in Role:
        assert page_is_for((role,)).startswith("This page is for ")
    assert page_is_for((Role.VERIFIER,)) == "This page is for registration verifiers."
