from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "academy.outcomes"
    label = "outcomes"
    verbose_name = "Follow-ups and the complication registry"

    def ready(self) -> None:
        from academy.logbook.hooks import on_case_saved
        from academy.logbook.models import Case
        from academy.outcomes.services import schedule_follow_ups

        def schedule(case: Case) -> None:
            schedule_follow_ups(case=case)

        on_case_saved(schedule)
        # No navigation entries: the bar of an account with every role must fit one line. The
        # learner reaches follow-ups from the logbook, trainers and admins the registry from the
        # dashboard and the teaching page.
