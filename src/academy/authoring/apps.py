from django.apps import AppConfig


class AuthoringConfig(AppConfig):
    name = "academy.authoring"
    label = "authoring"
    verbose_name = "Academy-authored content"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Our content", "authoring:index", (Role.ACADEMY_ADMIN, Role.TRAINER)))
