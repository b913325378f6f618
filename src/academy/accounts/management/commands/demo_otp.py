"""Print the current second-factor code of a demo account (demo accounts only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from academy.accounts.demo import DEMO_DOMAIN, DEMO_TOTP_KEY_HEX


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Print the current 6-digit code for a demo account's authenticator (demo only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="a demo account, e.g. admin@demo.threadlift.test")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if not email.endswith(DEMO_DOMAIN):
            raise CommandError(f"Only demo accounts (…{DEMO_DOMAIN}) have a published key.")
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None:
            raise CommandError(f"{email} has no authenticator; run `manage.py load_demo` first.")
        if device.key != DEMO_TOTP_KEY_HEX:
            raise CommandError(f"{email} uses an authenticator of its own, not the demo key.")
        self.stdout.write(current_code(device))
