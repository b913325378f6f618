from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "academy.credentials"
    label = "credentials"
    verbose_name = "Verifiable certificates"

    def ready(self) -> None:
        from academy.credentials import requirements

        requirements.register_builtin_kinds()
        # No navigation entry yet: the header of an account with every role is full at 1280 px
        # (tests/e2e/test_navigation.py). The integrator adds
        # NavItem("Certificates", "credentials:home", (Role.LEARNER, Role.ACADEMY_ADMIN))
        # when the header has room; /credentials/ sends each role to its page.
