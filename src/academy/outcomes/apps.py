from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "academy.outcomes"
    label = "outcomes"
    verbose_name = "Follow-ups and the complication registry"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core.navigation import NavItem, register
        from academy.logbook.hooks import on_case_saved
        from academy.logbook.models import Case
        from academy.outcomes.services import schedule_follow_ups

        def schedule(case: Case) -> None:
            schedule_follow_ups(case=case)

        on_case_saved(schedule)
        register(NavItem("Follow-ups", "outcomes:mine", (Role.LEARNER,)))
        register(NavItem("Registry", "outcomes:registry", (Role.TRAINER, Role.ACADEMY_ADMIN)))
