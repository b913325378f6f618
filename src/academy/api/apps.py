from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "academy.api"
    label = "api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        from academy.core.navigation import NavItem, register

        register(NavItem("API tokens", "tokens:list", ()))
