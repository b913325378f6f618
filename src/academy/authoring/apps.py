from django.apps import AppConfig


class AuthoringConfig(AppConfig):
    name = "academy.authoring"
    label = "authoring"
    verbose_name = "Academy-authored content"
    # No navigation entry: the bar must fit one line for an account with every role
    # (tests/e2e/test_navigation.py). The dashboard's trainer and academy-admin panels link
    # to /academy/content/.
