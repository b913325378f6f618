from django.apps import AppConfig


class XapiConfig(AppConfig):
    """xAPI statements of what learners do, sent to a Learning Record Store (issue 23)."""

    name = "academy.xapi"
    label = "xapi"
    verbose_name = "xAPI learning records"

    def ready(self) -> None:
        from academy.core import events
        from academy.xapi import (
            checks,  # noqa: F401  (registers the start-up checks)
            services,
        )

        # The services that record learning call events.emit; no model signals.
        events.listen(services.statements_for_event)
