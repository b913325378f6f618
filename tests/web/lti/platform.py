"""A small LTI 1.3 platform (an LMS) for the tests, served on a local port in a thread.

It signs id_tokens with its own RSA key and publishes the key set; answers the tool's
client-credentials token requests (checking the signed client assertion against the tool's
published key set); records scores posted to its line item (AGS) and serves a course roster
(NRPS). For the browser test it also has an LMS page whose iframe starts the OIDC log-in, and an
authorization endpoint that posts the id_token back to the tool, as an LMS does.
"""

from __future__ import annotations

import html
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "threadlift-tool"
DEPLOYMENT_ID = "deployment-1"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Platform:
    """Start with `start()`, stop with `stop()`; `base` is its address."""

    tool_jwks_url: str = ""  # where the tool publishes its keys (for client assertions)
    tool_keys: list[dict[str, Any]] = field(default_factory=list)  # or the keys themselves
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    kid: str = "platform-key-1"
    scores: list[dict[str, Any]] = field(default_factory=list)
    deep_link_responses: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    fail_scores: int = 0  # answer this many score posts with 503 first
    tokens: set[str] = field(default_factory=set)
    launch: dict[str, Any] = field(default_factory=dict)  # claims the browser launch carries
    server: ThreadingHTTPServer | None = None
    host: str = "127.0.0.1"  # the name the platform is reached by (the browser test: localhost)

    # --- addresses
    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://{self.host}:{self.server.server_address[1]}"

    @property
    def issuer(self) -> str:
        return self.base

    @property
    def lineitem(self) -> str:
        return self.base + "/lineitems/1/lineitem"

    def registration(self) -> dict[str, str]:
        return {
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "deployment_ids": DEPLOYMENT_ID,
            "key_set_url": self.base + "/jwks",
            "auth_login_url": self.base + "/auth",
            "auth_token_url": self.base + "/token",
        }

    # --- tokens
    def jwks(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        public.update(kid=self.kid, alg="RS256", use="sig")
        return {"keys": [public]}

    def id_token(
        self,
        *,
        nonce: str,
        sub: str = "lms-user-1",
        roles: tuple[str, ...] = (LEARNER,),
        target: str = "",
        message_type: str = "LtiResourceLinkRequest",
        aud: str = CLIENT_ID,
        iss: str | None = None,
        deployment_id: str = DEPLOYMENT_ID,
        expires_in: int = 300,
        drop: tuple[str, ...] = (),
        extra: dict[str, Any] | None = None,
        key: rsa.RSAPrivateKey | None = None,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": iss or self.issuer,
            "aud": aud,
            "sub": sub,
            "iat": now - 5,
            "exp": now + expires_in,
            "nonce": nonce,
            "name": "Lia LMS-Learner",
            "email": "lia@lms.example",
            LTI + "message_type": message_type,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": deployment_id,
            LTI + "roles": list(roles),
            LTI + "context": {"id": "course-7", "title": "Thread lifts 101"},
            LTI + "target_link_uri": "http://tool/lti/launch/",
        }
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": "link-1", "title": "Threadlift item"}
            claims[LTI + "custom"] = {"threadlift_target": target}
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": [SCORE_SCOPE, LINEITEM_SCOPE],
                "lineitem": self.lineitem,
                "lineitems": self.base + "/lineitems",
            }
            claims["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = {
                "context_memberships_url": self.base + "/memberships",
                "service_versions": ["2.0"],
            }
        else:
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": self.base + "/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "data": "dl-data-1",
            }
        claims.update(extra or {})
        for name in drop:
            claims.pop(name, None)
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    # --- server
    def start(self) -> Platform:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def _send(self, status: int, body: Any, ctype: str = "application/json") -> None:
                data = (
                    body
                    if isinstance(body, bytes)
                    else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
                )
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _form(self) -> dict[str, str]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    return json.loads(raw)
                return {k: v[0] for k, v in parse_qs(raw).items()}

            def _authorised(self) -> bool:
                auth = self.headers.get("Authorization") or ""
                return auth.startswith("Bearer ") and auth[7:] in platform.tokens

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/jwks":
                    return self._send(200, platform.jwks())
                if url.path == "/memberships":
                    if not self._authorised():
                        return self._send(401, {"error": "no token"})
                    return self._send(
                        200,
                        {
                            "id": url.path,
                            "context": {"id": "course-7"},
                            "members": platform.members,
                        },
                        "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
                    )
                if url.path == "/lms":  # the LMS's course page: the tool in an iframe
                    src = (
                        platform.launch["login_url"]
                        + "?"
                        + urlencode(
                            {
                                "iss": platform.issuer,
                                "login_hint": "lms-user-1",
                                "target_link_uri": platform.launch["launch_url"],
                                "client_id": CLIENT_ID,
                                "lti_deployment_id": DEPLOYMENT_ID,
                            }
                        )
                    )
                    page = (
                        "<!doctype html><html lang=en><title>Demo LMS</title>"
                        "<h1>Demo LMS: Thread lifts 101</h1>"
                        f'<iframe id="tool" title="Threadlift" src="{html.escape(src)}" '
                        'width="1000" height="760"></iframe>'
                    )
                    return self._send(200, page, "text/html")
                if url.path == "/auth":  # OIDC authorization: post the id_token back
                    token = platform.id_token(nonce=query["nonce"], **platform.launch["claims"])
                    page = (
                        "<!doctype html><html lang=en><title>LMS</title><body>"
                        f'<form id="f" method="post" action="{html.escape(query["redirect_uri"])}">'
                        f'<input type="hidden" name="id_token" value="{token}">'
                        f'<input type="hidden" name="state" value="{html.escape(query["state"])}">'
                        "</form><script>document.getElementById('f').submit()</script>"
                    )
                    return self._send(200, page, "text/html")
                return self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                form = self._form()
                if url.path == "/token":
                    assertion = form.get("client_assertion", "")
                    try:
                        header = jwt.get_unverified_header(assertion)
                        keys = (
                            platform.tool_keys
                            or requests.get(platform.tool_jwks_url, timeout=5).json()["keys"]
                        )
                        jwk = next(k for k in keys if k["kid"] == header["kid"])
                        jwt.decode(
                            assertion,
                            RSAAlgorithm.from_jwk(json.dumps(jwk)),  # type: ignore[arg-type]
                            algorithms=["RS256"],
                            audience=platform.base + "/token",
                        )
                    except Exception as exc:
                        return self._send(401, {"error": "invalid_client", "why": str(exc)})
                    token = uuid.uuid4().hex
                    platform.tokens.add(token)
                    return self._send(
                        200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
                    )
                if url.path == "/lineitems/1/lineitem/scores":
                    if not self._authorised():
                        return self._send(401, {"error": "no token"})
                    if platform.fail_scores > 0:
                        platform.fail_scores -= 1
                        return self._send(503, {"error": "busy"})
                    platform.scores.append(form)
                    return self._send(200, {})
                if url.path == "/deep-link-return":
                    token = form.get("JWT", "")
                    platform.deep_link_responses.append(
                        {"header": jwt.get_unverified_header(token), "token": token}
                    )
                    return self._send(
                        200, "<!doctype html><title>Added</title><p>Added", "text/html"
                    )
                return self._send(404, {"error": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def private_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
