"""Toolkit responses are about patients: no shared cache or browser history may keep them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

View = Callable[..., HttpResponse]


def private_no_store(view: View) -> View:
    """Mark every response of `view` `Cache-Control: private, no-store` (applied to each
    toolkit URL in `urls.py`, so the views themselves stay as they are)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapper
