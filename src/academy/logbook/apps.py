from django.apps import AppConfig


class LogbookConfig(AppConfig):
    name = "academy.logbook"
    label = "logbook"
    verbose_name = "Supervised-case logbook"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Logbook", "logbook:mine", (Role.LEARNER,)))
        # Trainers reach the sign-off queue from Practice (their /teach/ workspace) and the
        # dashboard: the navigation of an account with every role must fit one line.
