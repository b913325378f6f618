"""Load the fictional demo data (idempotent) and print the demo log-ins.

Refuses to run when DEBUG is off (a production database) unless given --force, and says what it
will create before creating it. It never resets a password or a staff flag on an existing account.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from academy.accounts.demo import DEMO_PASSWORD, ensure_demo_second_factors

# Each module has `load()` (and may have `describe()`); later modules may rely on earlier ones.
DEMO_MODULES = [
    "academy.accounts.demo",
    "academy.catalog.demo",
    "academy.learning.demo",
    "academy.authoring.demo",
    "academy.practice.demo",
    "academy.logbook.demo",
    "academy.outcomes.demo",
    "academy.evaluations.demo",
    "academy.credentials.demo",
    "academy.lti.demo",
    "academy.cpd.demo",  # after the certificates it credits
]


def _plan(name: str) -> list[str]:
    module = importlib.import_module(name)
    describe = getattr(module, "describe", None)
    if describe is not None:
        return list(describe())
    summary = (module.__doc__ or name).strip().splitlines()[0]
    return [summary]


class Command(BaseCommand):
    help = "Create or refresh the fictional demo data. Safe to run repeatedly; never in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off (the demo accounts have a published password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this looks like a production database: demo accounts with a "
                "published password and second-factor key would be created. "
                "Add --force if you really want them here."
            )
        self.stdout.write("Loading demo data. It creates or refreshes:")
        for name in DEMO_MODULES:
            for line in _plan(name):
                self.stdout.write(f"  - {line}")
        self.stdout.write("Existing passwords and staff flags are left as they are.")
        logins: dict[str, str] = {}
        with transaction.atomic():
            for name in DEMO_MODULES:
                result = importlib.import_module(name).load()
                for email, roles in result or []:
                    logins[email] = f"{logins[email]}; {roles}" if email in logins else roles
            ensure_demo_second_factors()
        self.stdout.write(self.style.SUCCESS("Demo data loaded (fictional people and academies)."))
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for email, roles in logins.items():
            self.stdout.write(f"  {email:<34} {roles}")
        self.stdout.write(
            "Admin and trainer log-ins ask for a second factor: "
            "`manage.py demo_otp EMAIL` prints the current code (see the README)."
        )
