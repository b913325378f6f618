"""One PUT of one statement to the LRS (the standard library's HTTP client: no dependency).

PUT with `statementId` is idempotent in xAPI: the same id and content again is accepted (204),
so a retry after a lost answer does not duplicate. Errors are summarised without the address's
credentials or the statement (which names an actor).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from academy.xapi import vocab
from academy.xapi.config import Lrs

# Worth trying again later: the LRS is down, busy, or refuses our credentials (fixable).
RETRYABLE = {401, 403, 408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Outcome:
    ok: bool
    retry: bool = False
    error: str = ""


def put_statement(lrs: Lrs, statement: dict[str, Any]) -> Outcome:
    url = lrs.statements_url + "?" + urlencode({"statementId": statement["id"]})
    request = urllib.request.Request(
        url,
        data=json.dumps(statement).encode(),
        method="PUT",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": vocab.XAPI_VERSION,
            "Authorization": lrs.auth_header(),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=lrs.timeout_seconds) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Outcome(ok=False, retry=True, error=f"LRS unreachable: {type(reason).__name__}")
    if status in (200, 204):
        return Outcome(ok=True)
    if status == 409:  # that id is stored already: ids are ours, derived from the event
        return Outcome(ok=True, error="HTTP 409: already stored")
    return Outcome(ok=False, retry=status in RETRYABLE, error=f"HTTP {status} from the LRS")
