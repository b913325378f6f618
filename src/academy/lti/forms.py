"""The registration form of an LMS platform."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from academy.lti.models import LtiPlatform


def _field(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class PlatformForm(forms.ModelForm):
    class Meta:
        formfield_callback = _field
        model = LtiPlatform
        fields = [
            "name",
            "issuer",
            "client_id",
            "deployment_ids",
            "key_set_url",
            "auth_login_url",
            "auth_token_url",
            "auth_audience",
            "active",
        ]
        widgets = {"deployment_ids": forms.Textarea(attrs={"rows": 3})}
