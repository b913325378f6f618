"""The token page: a signed-in user creates, names, scopes and revokes personal API tokens.

The secret is shown once, in the response to the creating POST; only its hash is stored.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.api.models import TokenScope
from academy.api.tokens import get_token_for_user, token_create, tokens_for_user
from academy.api.tokens import token_revoke as revoke_service


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What it is for, e.g. “clinic records”.")
    scope = forms.ChoiceField(
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text="Read-only tokens can look things up; write tokens can also enrol, "
        "publish and change data as you.",
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None)
    issued = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            issued = token_create(
                user=user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
            form = TokenForm()
        else:
            status = 422
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens_for_user(user), "issued": issued},
        status=status,
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_token_for_user(_user(request), token_id)
    revoke_service(token=token, now=timezone.now())
    messages.success(request, f"Token “{token.name}” is revoked; it no longer works.")
    return redirect("tokens:list")
