from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "academy.accounts"
    label = "accounts"
    verbose_name = "Accounts and practitioner profiles"

    def ready(self) -> None:
        from academy.accounts import audit

        audit.connect()

        from django.contrib.auth.signals import user_logged_in

        from academy.accounts.sessions import on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="academy-session-on-login")

        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Verification", "accounts:practitioners", (Role.VERIFIER,)))
