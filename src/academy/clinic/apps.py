from django.apps import AppConfig


class ClinicConfig(AppConfig):
    """The clinical toolkit for trained practitioners (keeps no patient data yet)."""

    name = "academy.clinic"
    label = "clinic"
    verbose_name = "Clinical toolkit"

    def ready(self) -> None:
        from academy.core.navigation import NavItem, register

        register(NavItem("Clinical toolkit", "clinic:index", ()))
