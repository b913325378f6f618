from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "academy.accounts"
    label = "accounts"
    verbose_name = "Accounts and practitioner profiles"

    def ready(self) -> None:
        from academy.accounts import audit

        audit.connect()
