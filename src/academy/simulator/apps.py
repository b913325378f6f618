from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    """Thread placement practice in the browser, scored by the planning engine (issue 13)."""

    name = "academy.simulator"
    label = "simulator"
    verbose_name = "Simulator"

    def ready(self) -> None:
        from academy.core.navigation import NavItem, register

        # public: anonymous visitors may practise in learn mode (nothing is stored for them)
        register(NavItem("Simulator", "simulator:index", None), before="core:dashboard")
