from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "academy.credentials"
    label = "credentials"
    verbose_name = "Verifiable certificates"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register
        from academy.credentials import requirements

        requirements.register_builtin_kinds()
        register(NavItem("My certificates", "credentials:wallet", (Role.LEARNER,)))
        register(NavItem("Certificates", "credentials:register", (Role.ACADEMY_ADMIN,)))
