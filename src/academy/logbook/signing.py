"""Signatures: a fresh second factor from the signer, and a SHA-256 of what was signed.

The second factor is a code the trainer's authenticator shows now (django-otp TOTP: a code
already used is refused), or, for an account with no authenticator set up, the password.
The hash is over the canonical JSON (sorted keys, no spaces, UTF-8) of the signed content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django import forms
from django_otp.plugins.otp_totp.models import TOTPDevice

from academy.accounts.models import User
from academy.logbook.models import Case, Dops

TOTP = "totp"
PASSWORD = "password"


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_signer(user: User, secret: str) -> str | None:
    """The method that verified `user` ("totp"/"password"), or None for a wrong secret."""
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if devices:
        token = "".join(secret.split())
        if not token.isdigit() or len(token) > 10:
            return None
        for device in devices:
            if device.verify_token(token):
                return TOTP
        return None
    return PASSWORD if user.check_password(secret) else None


class SignatureForm(forms.Form):
    secret = forms.CharField(label="Code from your authenticator app", max_length=128, strip=False)

    def __init__(self, *args: Any, signer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signer = signer
        self.method: str | None = None
        if has_authenticator(signer):
            self.fields["secret"].widget = forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
            )
            self.fields[
                "secret"
            ].help_text = "Signing needs a fresh 6-digit code from your authenticator app."
        else:
            self.fields["secret"].label = "Your password"
            self.fields["secret"].widget = forms.PasswordInput()
            self.fields[
                "secret"
            ].help_text = "You have no authenticator set up, so signing needs your password."

    def clean_secret(self) -> str:
        secret: str = self.cleaned_data["secret"]
        self.method = verify_signer(self.signer, secret)
        if self.method is None:
            raise forms.ValidationError(
                "That is not right (a code works once; wait for the next one)."
            )
        return ""


def canonical_json(payload: Any) -> str:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def sha256_of(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def case_content(case: Case) -> dict[str, Any]:
    return {
        "case": case.pk,
        "learner": case.learner.email,
        "run": case.run_id,
        "date": case.date.isoformat(),
        "setting": case.setting,
        "clinic_name": case.clinic_name,
        "supervision": case.supervision,
        "indication": case.indication,
        "anaesthesia": case.anaesthesia,
        "products": [
            {
                "product": p.product,
                "batch": p.batch,
                "expiry": p.expiry.isoformat(),
                "quantity": p.quantity,
            }
            for p in case.products.all()
        ],
        "plan": case.plan,
        "plan_score": case.plan_score,
        "consent_confirmed": case.consent_confirmed,
        "outcome": case.outcome,
        "complications": case.complications,
        "follow_ups": case.follow_ups,
        "notes": case.notes,
        "photos": sorted(ph.file.name for ph in case.photos.all()),
    }


def dops_content(dops: Dops, signer: User, when: dt.datetime) -> dict[str, Any]:
    return {
        "case": case_content(dops.case),
        "dops": {
            "id": dops.pk,
            "ratings": dops.ratings,
            "overall": dops.overall,
            "strengths": dops.strengths,
            "development": dops.development,
            "signed_by": signer.email,
            "signed_at": when.isoformat(),
        },
    }
