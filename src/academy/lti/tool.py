"""pylti1p3 over our tables: the tool configuration (registrations from `LtiPlatform`, the
academy's sealed key) and a state store that keeps each OIDC state and nonce in the database and
lets a nonce be used once (pylti1p3's own session store accepts a replayed launch)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests
from django.http import HttpRequest
from django.utils import timezone
from pylti1p3.contrib.django.message_launch import DjangoMessageLaunch
from pylti1p3.contrib.django.oidc_login import DjangoOIDCLogin
from pylti1p3.contrib.django.request import DjangoRequest
from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.service_connector import ServiceConnector
from pylti1p3.session import SessionService
from pylti1p3.tool_config.abstract import ToolConfAbstract

from academy.lti import keys
from academy.lti.models import LtiLoginState, LtiPlatform

# How long the LMS has to answer a log-in with its launch.
STATE_LIFETIME = dt.timedelta(minutes=10)


def registration_for(platform: LtiPlatform, *, now: dt.datetime) -> Registration:
    key = keys.signing_key(provider=platform.provider, now=now)
    registration = (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.key_set_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_tool_private_key(keys.private_pem(key))
        .set_tool_public_key(key.public_pem)
    )
    if platform.auth_audience:
        registration.set_auth_audience(platform.auth_audience)
    return registration


def find_platform(iss: str, client_id: str | None) -> LtiPlatform | None:
    """The active registration of this issuer and client id; without a client id (an OIDC
    log-in may omit it), the issuer's only active registration."""
    rows = LtiPlatform.objects.select_related("provider").filter(issuer=iss, active=True)
    if client_id:
        return rows.filter(client_id=client_id).first()
    found = list(rows[:2])
    return found[0] if len(found) == 1 else None


class ToolConf(ToolConfAbstract[DjangoRequest]):
    """Registrations read from the database; an issuer may have many client ids."""

    def __init__(self) -> None:
        self.platform: LtiPlatform | None = None

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Registration:
        return self.find_registration_by_params(iss, None, *args, **kwargs)  # type: ignore[arg-type]

    def find_registration_by_params(
        self, iss: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Registration:
        platform = find_platform(iss, client_id)
        if platform is None:
            return None  # type: ignore[return-value]  # pylti1p3 refuses: "not found"
        self.platform = platform
        return registration_for(platform, now=timezone.now())

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return None

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Deployment | None:
        platform = find_platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployments:
            return None
        return Deployment().set_deployment_id(deployment_id)


class StateStore(SessionService):
    """OIDC states and nonces in `LtiLoginState`: written at log-in, used once at launch."""

    def __init__(self, request: DjangoRequest, conf: ToolConf) -> None:
        super().__init__(request)
        self._lti_request = request
        self._conf = conf
        self._nonce = ""

    def save_nonce(self, nonce: str) -> None:
        self._nonce = nonce  # written with its state in save_state_params (called next)

    def save_state_params(self, state: str, params: dict[str, object]) -> None:
        assert self._conf.platform is not None
        row = LtiLoginState(
            state=state, nonce=self._nonce, platform=self._conf.platform, created_at=timezone.now()
        )
        row.full_clean()
        row.save()

    def get_state_params(self, state: str) -> dict[str, object]:
        return {}

    def check_nonce(self, nonce: str) -> bool:
        """True once: for the state this request carries, its nonce, within its lifetime."""
        now = timezone.now()
        state = self._lti_request.get_param("state") or ""
        used = LtiLoginState.objects.filter(
            state=state, nonce=nonce, used_at__isnull=True, created_at__gt=now - STATE_LIFETIME
        ).update(used_at=now)
        return used == 1

    def set_state_valid(self, state: str, id_token_hash: str) -> None:
        return None

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:
        return False  # never from a store: the browser's state cookie must match

    def save_launch_data(self, key: str, jwt_body: Any) -> None:
        return None  # the accepted launch is kept as an LtiLaunch row instead


def oidc_login(request: HttpRequest) -> tuple[DjangoOIDCLogin, ToolConf]:
    conf = ToolConf()
    lti_request = DjangoRequest(request)
    return (
        DjangoOIDCLogin(lti_request, conf, session_service=StateStore(lti_request, conf)),
        conf,
    )


def message_launch(request: HttpRequest) -> tuple[DjangoMessageLaunch, ToolConf]:
    conf = ToolConf()
    lti_request = DjangoRequest(request, post_only=True)
    return (
        DjangoMessageLaunch(lti_request, conf, session_service=StateStore(lti_request, conf)),
        conf,
    )


def state_belongs_to(*, state: str, platform: LtiPlatform) -> bool:
    """The launch's state was issued by a log-in started for this very registration."""
    return LtiLoginState.objects.filter(state=state, platform=platform).exists()


class _TimeoutSession(requests.Session):
    """Calls to an LMS give up after SERVICE_TIMEOUT seconds (pylti1p3 sets none)."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", SERVICE_TIMEOUT)
        return super().request(*args, **kwargs)


SERVICE_TIMEOUT = 10


def service_connector(platform: LtiPlatform, *, now: dt.datetime) -> ServiceConnector:
    return ServiceConnector(registration_for(platform, now=now), requests_session=_TimeoutSession())
