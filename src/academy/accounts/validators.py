"""Password validators of our own (Django's cover similarity, common and numeric passwords)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

SITE_WORDS = ("threadlift",)


LEET: dict[str, str | int | None] = {
    "0": "o",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "@": "a",
    "$": "s",
    "!": "i",
}


def _readings(text: str) -> set[str]:
    """The letters a password spells, reading digits as letters ("1" as i or as l)."""
    lower = text.lower()
    return {
        re.sub(r"[^a-z]", "", lower.translate(str.maketrans({**LEET, "1": one})))
        for one in ("i", "l")
    }


class SiteNameValidator:
    """Refuse passwords built on the site's own name ("Threadlift2026!", "thr3adl1ft-academy")."""

    def validate(self, password: str, user: Any = None) -> None:
        if any(word in reading for reading in _readings(password) for word in SITE_WORDS):
            raise ValidationError(
                "Your password must not contain the site's name.", code="password_site_name"
            )

    def get_help_text(self) -> str:
        return "Your password must not contain the site's name."


class MaximumLengthValidator:
    """A length cap: hashing a megabyte-long password is a cheap way to tie up a server."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Your password must be at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password must be at most {self.max_length} characters."
