"""Start-up checks: an LRS configured without the site's address cannot name actors."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from academy.xapi import config


@register()
def xapi_homepage(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if config.lrs() is None or config.homepage():
        return []
    return [
        Error(
            "XAPI_LRS_URL is set but the site's address is not (XAPI_HOMEPAGE or "
            "CREDENTIAL_BASE_URL): xAPI actors and activities are named under it.",
            id="xapi.E001",
        )
    ]
