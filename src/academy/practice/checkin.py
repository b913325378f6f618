"""Signed, short-lived check-in tokens for a practical session's QR code.

The trainer's page shows a QR code of a link holding a token signed with the site's secret
(Django's signing, salted for this use) that names one session and expires after a few minutes;
a learner with a confirmed booking on that session who opens the link is checked in. A forged,
expired or other session's token changes nothing."""

from __future__ import annotations

from django.core import signing

SALT = "academy.practice.checkin"
# How long a code shown on the trainer's screen stays usable: long enough to scan and sign in,
# short enough that a photo of it shared later is useless. Our choice; the page refreshes it.
MAX_AGE_SECONDS = 300


class BadToken(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def make_token(session_id: int) -> str:
    return signing.dumps({"s": session_id}, salt=SALT, compress=False)


def read_token(token: str) -> int:
    """The session id the token names, or BadToken with what to tell the learner."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise BadToken(
            "This check-in code has expired. Ask the trainer to show the current code and scan "
            "it again."
        ) from None
    except signing.BadSignature:
        raise BadToken("This is not a valid check-in code for any session.") from None
    session_id = data.get("s") if isinstance(data, dict) else None
    if not isinstance(session_id, int):
        raise BadToken("This is not a valid check-in code for any session.")
    return session_id
