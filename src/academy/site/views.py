"""Home page and the per-role dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.site.selectors import dashboard_for


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def about(request: HttpRequest) -> HttpResponse:
    """What the platform is, what it is not, who verifies registrations, and its licence."""
    return render(request, "core/about.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(request, "core/dashboard.html", dashboard_for(user))


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
