"""What ninja does not do by itself: the engines' raw JSON bodies in the OpenAPI document
(described by the core's own JSON Schemas: the plan contract, the patient profile), and a 405
in the error shape (ninja answers a wrong method with a plain-text body)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger, render_template
from ninja.openapi.schema import OpenAPISchema
from pydantic import BaseModel

from academy.api.errors import error_response
from threadlift.assessment import PatientProfile, profile_json_schema
from threadlift.knowledge import load_knowledge
from threadlift.planning import Plan

PREFIX = "#/components/schemas/"


def _bodies() -> dict[str, dict[str, Any]]:
    return {
        "Plan": Plan.model_json_schema(ref_template=PREFIX + "Plan.{model}"),
        "PatientProfile": profile_json_schema(load_knowledge()),
    }


def body_schema(model: type[BaseModel]) -> dict[str, str]:
    """A reference to the component describing `model` (Plan or PatientProfile)."""
    assert model in (Plan, PatientProfile), model
    return {"$ref": PREFIX + model.__name__}


def _components() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, schema in _bodies().items():
        schema = dict(schema)
        schema.pop("$schema", None)
        text = json.dumps(schema).replace('"#/$defs/', f'"{PREFIX}{name}.')
        schema = json.loads(text)
        for def_name, definition in schema.pop("$defs", {}).items():
            out[f"{name}.{def_name}"] = definition
        out[name] = schema
    return out


def reference_plan_example(name: str) -> dict[str, Any]:
    """A reference plan (model answer) as a request example."""
    path = resources.files("threadlift.planning").joinpath(f"data/reference_plans/{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("about", None)
    return data


def example_patient() -> dict[str, Any]:
    """The CLI's example patient profile (`threadlift assess examples/patient.json`)."""
    path = resources.files("threadlift.assessment").joinpath("examples/patient.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class SwaggerWithCsrf(Swagger):
    """ninja's Swagger page (its packaged assets, no inline script), always sending the CSRF
    token: our session auth sits on routers, where ninja's own check does not look."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": True}
        return render_template(request, self.template, self.template_cdn, context)


class ThreadliftAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(_components())
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                _add_error_examples(operation)
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                view = _root if pattern.name == "api-root" else pattern.callback
                pattern.callback = _shaped_405(_no_nul(view))
        return urls


def _root(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """`/api/v1/` itself: where the description and the docs are."""
    body = {"openapi": "/api/v1/openapi.json", "docs": "/api/v1/docs"}
    return HttpResponse(json.dumps(body), content_type="application/json")


def _no_nul(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """NUL is in no id, slug or text we store (PostgreSQL refuses it in a string): a NUL in
    the path or the query is the caller's error (400 naming where), before any query runs."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        fields = {
            name or "query": "must not contain NUL characters"
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in v for v in values)
        }
        if "\x00" in request.path:
            fields["path"] = "must not contain NUL characters"
        if fields:
            return error_response(400, "NUL characters are not allowed.", fields=fields)
        return view(request, *args, **kwargs)

    return wrapper


def _shaped_405(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @functools.wraps(view)  # keeps ninja's csrf_exempt marker
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            shaped = error_response(405, f"Use {allowed} here.", code="method_not_allowed")
            shaped["Allow"] = allowed
            return shaped
        return response

    return wrapper


ERROR_EXAMPLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "400": ("bad_request", "The body is not valid JSON.", {"plan": "invalid JSON: …"}),
    "401": ("not_authenticated", "Sign in, or send a personal API token.", {}),
    "403": ("forbidden", "This token is read-only; create a write token to change data.", {}),
    "404": ("not_found", "No published course run with this id.", {}),
    "409": ("not_eligible", "This course does not accept registered nurses.", {}),
    "422": ("invalid", "Some fields are not valid.", {"threads[0].plane": "must be one of …"}),
    "429": ("rate_limited", "Too many requests.", {}),
}


def _add_error_examples(operation: dict[str, Any]) -> None:
    """Each documented error response gets an example of the one error shape."""
    for status, response in operation.get("responses", {}).items():
        example = ERROR_EXAMPLES.get(str(status))
        content = response.get("content", {}).get("application/json")
        if example is None or content is None:
            continue
        code, message, fields = example
        content.setdefault(
            "example", {"error": {"code": code, "message": message, "fields": fields}}
        )
