"""The `/api/v1/` NinjaAPI: routers by entity, the error shape, OpenAPI 3.1 and offline docs."""

from __future__ import annotations

from academy.api import (
    academy_admin,
    catalog,
    credentials,
    engines,
    knowledge,
    learner,
    learning,
    logbook,
    outcomes,
    practice,
    simulator,
)
from academy.api.auth import signed_in
from academy.api.errors import StrictJSONParser, install_handlers
from academy.api.openapi import SwaggerWithCsrf, ThreadliftAPI

DESCRIPTION = """\
The operations of Threadlift Academy's pages, as JSON.

**Authentication.** Either the browser session (send Django's CSRF token as `X-CSRFToken` on
POST/PATCH), or a personal API token from [/accounts/tokens/](/accounts/tokens/) as
`Authorization: Bearer tla_…`. A `read` token may only GET.

**Errors.** Every 4xx has one shape:
`{"error": {"code": "invalid", "message": "…", "fields": {"threads[0].plane": "…"}}}`;
field paths are those of the `threadlift` command line. Unknown fields are refused.

**Rate limits.** The engines, and unsafe operations open to anonymous callers, are
rate-limited (429, with `Retry-After`).

Clinical outputs carry their sources, evidence grades and marks (`unconfirmed`,
`weak-source`, `manufacturer-claim`); they support trained clinicians and do not replace
clinical judgement.
"""

api = ThreadliftAPI(
    title="Threadlift Academy API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    parser=StrictJSONParser(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=SwaggerWithCsrf(),
)
install_handlers(api)

api.add_router("/catalog", catalog.router)
api.add_router("", learner.router)
api.add_router("", learning.router)
api.add_router("", logbook.router)
api.add_router("", practice.router)
api.add_router("", credentials.router)
api.add_router("/academy", academy_admin.router)
api.add_router("/knowledge", knowledge.router)
api.add_router("/engines", engines.router)
api.add_router("/simulator", simulator.router)
api.add_router("/outcomes", outcomes.router)

__all__ = ["api", "signed_in"]
