"""Password reset: the mail goes through the task queue, and a completed reset unlocks.

Django's reset view already answers the same way whether or not the address has an account;
it sends nothing for an unknown address. Following the link proves the address, so a completed
reset also confirms it and lifts a log-in lock-out on the account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.template.loader import render_to_string

from academy.accounts.confirmation import user_email_confirm
from academy.accounts.lockout import lockout_reset_for
from academy.accounts.models import User
from academy.core.tasks import email_enqueue


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_enqueue(to=[to_email], subject=subject, template=email_template_name, context=context)


class UnlockingPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        assert isinstance(user, User)
        lockout_reset_for(user.email)
        user_email_confirm(user=user)
        return response
