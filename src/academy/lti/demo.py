"""A fictional LMS (demo data) registered by the demo academy Harbour Aesthetics."""

from __future__ import annotations

from django.utils import timezone

from academy.catalog.models import Provider
from academy.lti import services
from academy.lti.models import LtiPlatform

ISSUER = "https://lms.demo.threadlift.test"


def describe() -> list[str]:
    return ["an LTI registration of a fictional LMS (Demo Moodle) for Harbour Aesthetics"]


def load() -> list[tuple[str, str]]:
    provider = Provider.objects.get(slug="harbour-aesthetics")
    platform = LtiPlatform.objects.filter(issuer=ISSUER, client_id="demo-client").first()
    if platform is None:
        platform = LtiPlatform(provider=provider, issuer=ISSUER, client_id="demo-client")
    platform.name = "Demo Moodle (fictional)"
    platform.deployment_ids = "1"
    platform.key_set_url = ISSUER + "/mod/lti/certs.php"
    platform.auth_login_url = ISSUER + "/mod/lti/auth.php"
    platform.auth_token_url = ISSUER + "/mod/lti/token.php"
    services.platform_save(platform=platform, now=timezone.now())
    return []
