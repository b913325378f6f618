"""Steps of an LTI launch through the Django test client, against the test platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.catalog.models import Provider
from academy.lti import services
from academy.lti.models import LtiPlatform
from tests.web.lti.platform import Platform


def register(platform: Platform, provider: Provider, **changes: Any) -> LtiPlatform:
    fields = {"name": "Test LMS", **platform.registration(), **changes}
    row = LtiPlatform(provider=provider, **fields)
    return services.platform_save(platform=row, now=timezone.now())


@dataclass
class Login:
    state: str
    nonce: str
    redirect_uri: str


def login(client: Client, platform: Platform, **params: str) -> Login:
    """Start the OIDC log-in as the LMS does; the tool answers with a redirect to the LMS."""
    query = {
        "iss": platform.issuer,
        "login_hint": "lms-user-1",
        "target_link_uri": "http://testserver/lti/launch/",
        "client_id": "threadlift-tool",
        "lti_deployment_id": "deployment-1",
        **params,
    }
    response = client.get(reverse("lti:login"), query)
    assert response.status_code == 302, (response.status_code, response.content[:300])
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == platform.base + "/auth"
    auth = {k: v[0] for k, v in parse_qs(location.query).items()}
    return Login(state=auth["state"], nonce=auth["nonce"], redirect_uri=auth["redirect_uri"])


def launch(client: Client, platform: Platform, **claims: Any) -> Any:
    """A whole launch: log-in, then the LMS posts the signed id_token."""
    started = login(client, platform)
    token = platform.id_token(nonce=started.nonce, **claims)
    return client.post(reverse("lti:launch"), {"id_token": token, "state": started.state})


def pass_second_factor(client: Client, user: Any) -> None:
    """What entering the authenticator's code does to the session (trainers and admins)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.web.conftest import persona_device

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persona_device(user).persistent_id
    session.save()
