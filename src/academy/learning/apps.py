from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learner's side of a course run (lessons, quizzes, cases, progress) and the trainer's
    run view with item statistics (issue 12).

    No navigation entry: the bar is full at 1280 px for an account with every role
    (tests/e2e/test_navigation.py). Learners reach their runs from the dashboard ("Open the
    course"), trainers from "Runs you teach" there, academy admins from "My academy"."""

    name = "academy.learning"
    label = "learning"
    verbose_name = "Learning"
