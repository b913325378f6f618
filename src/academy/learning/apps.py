from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learner's side of a course run (lessons, quizzes, cases, progress) and the trainer's
    run view with item statistics (issue 12).

    Learners reach their runs from "Learning" in the navigation and the dashboard ("Open the
    course"), trainers from "Runs you teach" there, academy admins from "My academy"."""

    name = "academy.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register

        register(NavItem("Learning", "learning:index", (Role.LEARNER,)))
