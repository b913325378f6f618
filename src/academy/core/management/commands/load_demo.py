"""Load the fictional demo data (idempotent) and print the demo log-ins."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from academy.accounts.demo import DEMO_PASSWORD

# Each module has `load()`; later modules may rely on earlier ones.
DEMO_MODULES = ["academy.accounts.demo", "academy.catalog.demo"]


class Command(BaseCommand):
    help = "Create or refresh the fictional demo data. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: dict[str, str] = {}
        with transaction.atomic():
            for name in DEMO_MODULES:
                result = importlib.import_module(name).load()
                for email, roles in result or []:
                    logins[email] = f"{logins[email]}; {roles}" if email in logins else roles
        self.stdout.write(self.style.SUCCESS("Demo data loaded (fictional people and academies)."))
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for email, roles in logins.items():
            self.stdout.write(f"  {email:<34} {roles}")
