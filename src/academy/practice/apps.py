from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "academy.practice"
    label = "practice"
    verbose_name = "Hands-on practice"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Workshops", "practice:my_sessions", (Role.LEARNER,)))
        register(NavItem("Teaching", "practice:teach", (Role.TRAINER, Role.ACADEMY_ADMIN)))
