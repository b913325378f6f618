from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learner's side of a course run (lessons, quizzes, cases, progress) and the trainer's
    run view with item statistics (issue 12)."""

    name = "academy.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("My learning", "learning:index", (Role.LEARNER,)))
        register(NavItem("Teaching", "learning:teaching", (Role.TRAINER, Role.ACADEMY_ADMIN)))
