from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "academy.catalog"
    label = "catalog"
    verbose_name = "Course catalog"

    def ready(self) -> None:
        from academy.accounts.models import Role
        from academy.catalog import caching
        from academy.core.navigation import NavItem, register

        caching.connect()

        register(NavItem("Courses", "catalog:list", None), before="core:dashboard")
        register(NavItem("My academy", "catalog:provider_home", (Role.ACADEMY_ADMIN,)))
