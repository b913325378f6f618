"""LMS platforms an academy registered, the tool's signing keys, LMS identities, log-in states,
launches and the grade links that send scores back (LTI 1.3 Advantage, issue 23).

No secret is stored in clear: a private key is sealed (AES-GCM) with a secret from the
environment (`LTI_KEY_SECRET`), as the certificates' signing keys are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from academy.catalog.models import CourseRun, Provider


class LtiKey(models.Model):
    """One RSA key pair an academy signs with (deep-linking responses, service tokens). The
    newest unretired key signs; retired keys stay in the key set for a grace period."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="lti_keys")
    kid = models.CharField(max_length=100, unique=True)
    public_pem = models.TextField()
    sealed_private_key = models.TextField()
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.provider} key {self.kid[:12]}"


def _deployment_ids(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class LtiPlatform(models.Model):
    """An LMS registered by an academy's admin: who it is and where its endpoints are."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="lti_platforms")
    name = models.CharField(max_length=120, help_text="How you call this LMS, e.g. “Moodle”.")
    issuer = models.URLField("issuer (iss)", max_length=300)
    client_id = models.CharField("client id", max_length=200)
    deployment_ids = models.TextField(
        "deployment ids", help_text="One deployment id per line, as the LMS shows them."
    )
    key_set_url = models.URLField("key set URL (JWKS)", max_length=500)
    auth_login_url = models.URLField("authentication (OIDC) URL", max_length=500)
    auth_token_url = models.URLField("access token URL", max_length=500)
    auth_audience = models.CharField(
        "token audience",
        max_length=500,
        blank=True,
        help_text="Only if the LMS asks for one; the access token URL otherwise.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_client")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def deployments(self) -> list[str]:
        return _deployment_ids(self.deployment_ids)


class LtiIdentity(models.Model):
    """An LMS user (issuer + sub) matched to one platform account, made on the first launch."""

    issuer = models.CharField(max_length=300)
    sub = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities"
    )
    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="identities")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="lti_identity_issuer_sub")
        ]

    def __str__(self) -> str:
        return f"{self.sub} at {self.issuer}"


class LtiLoginState(models.Model):
    """The state and nonce of one OIDC log-in; used once, by the launch that answers it."""

    state = models.CharField(max_length=100, unique=True)
    nonce = models.CharField(max_length=100)
    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.state


class LaunchRole(models.TextChoices):
    LEARNER = "learner", "Learner"
    INSTRUCTOR = "instructor", "Instructor"


class LtiLaunch(models.Model):
    """An accepted launch: who, as what (never more than their rights here), and the claims the
    tool needs later (deep-linking settings, the roster and grade services)."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="launches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_launches"
    )
    message_type = models.CharField(max_length=60)
    deployment_id = models.CharField(max_length=255)
    role = models.CharField(max_length=12, choices=LaunchRole.choices)
    lms_roles = models.JSONField(default=list)
    target = models.CharField(max_length=200, blank=True)
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, null=True, blank=True)
    claims = models.JSONField(help_text="The launch's service claims (no token).")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.message_type} by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class LtiGradeLink(models.Model):
    """Where a learner's result for one target goes: a line item of one LMS."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="grade_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_grade_links"
    )
    target = models.CharField(max_length=200)
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, null=True, blank=True)
    lineitem = models.URLField(max_length=500)
    scopes = models.JSONField(default=list)
    sub = models.CharField(max_length=255)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_score = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "user", "lineitem"], name="lti_grade_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.target} → {self.lineitem}"
