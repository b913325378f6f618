from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Public reference pages rendered from the knowledge base (no database)."""

    name = "academy.reference"
    label = "reference"
    verbose_name = "Clinical reference"

    def ready(self) -> None:
        from academy.core.navigation import NavItem, register

        register(NavItem("Knowledge", "knowledge:index", None), before="core:dashboard")
