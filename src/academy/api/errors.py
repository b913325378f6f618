"""One error shape for every 4xx: `{"error": {"code", "message", "fields": {path: message}}}`.

Field paths are those of the CLI: the engines' own parsers name them (`threads[0].entry`,
`areas.jowl.laxity`); request-schema errors are rewritten to the same dotted form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import Field

CODES: dict[int, str] = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
}


class ErrorDetail(Schema):
    code: str = Field(examples=["invalid"])
    message: str = Field(examples=["Some fields are not valid."])
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="Field path → what is wrong with it (the CLI's paths).",
        examples=[{"threads[0].plane": "must be one of dermis, subcutaneous, …"}],
    )


class ErrorOut(Schema):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by endpoints for any refusal; rendered in the error shape."""

    def __init__(
        self, status: int, message: str, *, code: str = "", fields: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.fields = dict(fields or {})


def error_body(code: str, message: str, fields: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": dict(fields or {})}}


def error_response(
    status: int, message: str, *, code: str = "", fields: Mapping[str, str] | None = None
) -> HttpResponse:
    """The error shape outside ninja (URLs under /api/ that match no operation)."""
    body = error_body(code or CODES.get(status, "error"), message, fields)
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def errors_for(responses: Iterable[int]) -> dict[int, type[ErrorOut]]:
    """The `response=` entries documenting each error status of an operation (with 400: any
    request can be malformed, e.g. a body that is not JSON)."""
    return dict.fromkeys(sorted({400, *responses}), ErrorOut)


def form_fields(form: BaseForm) -> dict[str, str]:
    """A Django form's errors as {field: message}; form-wide errors under `non_field_errors`."""
    return {
        ("non_field_errors" if name == "__all__" else name): " ".join(str(m) for m in messages)
        for name, messages in form.errors.items()
    }


def form_error(form: BaseForm) -> ApiError:
    return ApiError(422, "Some fields are not valid.", fields=form_fields(form))


def loc_path(loc: Iterable[Any]) -> str:
    """pydantic's loc as the CLI writes paths: `threads[0].entry`, `areas.jowl.laxity`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


# The request part and, for a body, the parameter name are not part of the client's field path.
_PARAM_PARTS = {"body", "query", "path", "header", "cookie", "form", "payload", "filters"}


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        loc = list(error.get("loc", ()))
        while loc and loc[0] in _PARAM_PARTS:
            loc.pop(0)
        path = loc_path(loc) or "body"
        if error.get("type") == "extra_forbidden":
            message = "unknown field"
        else:
            message = str(error.get("msg", "is not valid"))
        fields.setdefault(path, message)
    return fields


class StrictJSONParser(Parser):
    """JSON bodies as RFC 8259 has them: NaN and Infinity are not JSON and are refused."""

    def parse_body(self, request: HttpRequest) -> Any:
        def refuse(constant: str) -> Any:
            raise ValueError(f"{constant} is not a JSON number")

        data = json.loads(request.body, parse_constant=refuse)
        if _has_nul(data):  # PostgreSQL refuses NUL in text; no field of ours holds one
            raise ValueError("NUL characters (\\u0000) are not allowed in strings")
        return data


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def model_fields(exc: ModelValidationError) -> dict[str, str]:
    """A model's `full_clean` errors as {field: message}; model-wide ones under
    `non_field_errors`, as a form's."""
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": " ".join(exc.messages)}
    return {
        ("non_field_errors" if name == "__all__" else name): " ".join(
            str(m) for e in errors for m in e.messages
        )
        for name, errors in exc.error_dict.items()
    }


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (their bodies are `{"detail": …}`) with the shape."""

    def render(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return render(request, exc.status, error_body(exc.code, exc.message, exc.fields))

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = _validation_fields(exc.errors)
        return render(request, 422, error_body("invalid", "Some fields are not valid.", fields))

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        status = exc.status_code
        message = str(exc.message) if hasattr(exc, "message") else str(exc)
        if isinstance(exc, AuthenticationError):
            message = "Sign in, or send a personal API token as `Authorization: Bearer …`."
        response = render(request, status, error_body(CODES.get(status, "error"), message))
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_model_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        """A service's `full_clean` refusing what the form could not see (e.g. a slug already
        used by another course of the provider): the caller's input, so a 422, never a 500."""
        body = error_body("invalid", "Some fields are not valid.", model_fields(exc))
        return render(request, 422, body)

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return render(request, 404, error_body("not_found", str(exc) or "Not found."))

    def on_permission(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc) or "You may not do this."
        return render(request, 403, error_body("forbidden", message))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ModelValidationError, on_model_validation)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_permission)
