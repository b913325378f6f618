from django.apps import AppConfig


class LogbookConfig(AppConfig):
    name = "academy.logbook"
    label = "logbook"
    verbose_name = "Supervised-case logbook"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Logbook", "logbook:mine", (Role.LEARNER,)))
        register(NavItem("Sign-off queue", "logbook:queue", (Role.TRAINER,)))
