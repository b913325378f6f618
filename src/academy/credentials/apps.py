from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "academy.credentials"
    label = "credentials"
    verbose_name = "Verifiable certificates"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.core import completion
        from academy.core.navigation import NavItem, register
        from academy.credentials import (
            checks,  # noqa: F401  (registers the start-up checks)
            page_cache,
            platform_kinds,
            requirements,
            services,
        )

        requirements.register_builtin_kinds()
        page_cache.connect()  # the public certificate page's cache is dropped on any change
        platform_kinds.register_platform_kinds()
        # The services that record work call completion.work_recorded; no model signals.
        completion.listen(services.issue_after_work)
        # /credentials/ sends admins to the register and learners to their wallet.
        register(NavItem("Certificates", "credentials:home", (Role.LEARNER, Role.ACADEMY_ADMIN)))
