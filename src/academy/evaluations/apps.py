from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "academy.evaluations"
    label = "evaluations"
    verbose_name = "Learner evaluations of courses"
    # No navigation entry (the bar must fit one line): learners reach the form from their
    # certificate checklist and course page, academies the results from the teaching page.
