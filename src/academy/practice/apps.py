from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "academy.practice"
    label = "practice"
    verbose_name = "Hands-on practice"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        # One entry (the navigation must fit one line at 1280 px for an account with every
        # role): /practice/ is a learner's sessions; trainers and admins land on /teach/.
        register(
            NavItem("Practice", "practice:home", (Role.LEARNER, Role.TRAINER, Role.ACADEMY_ADMIN))
        )
