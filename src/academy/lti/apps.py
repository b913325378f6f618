from django.apps import AppConfig


class LtiConfig(AppConfig):
    """LTI 1.3 Advantage tool: launches from an LMS, deep linking, roster, grade passback
    (issue 23)."""

    name = "academy.lti"
    label = "lti"
    verbose_name = "LTI tool"

    def ready(self) -> None:
        from academy.core import completion, events
        from academy.lti import tasks

        # A quiz passed or a simulator attempt submitted: send the score to the LMS that
        # launched it (through the task queue, with retries).
        completion.listen(tasks.work_recorded)
        # A quiz or exam failed announces no completion work, but the LMS shows the result too.
        events.listen(tasks.learning_event)
