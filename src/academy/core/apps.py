from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "academy.core"
    label = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from academy.core import checks  # noqa: F401  (registers the deployment checks)
