from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site's front: home, about, each role's dashboard, the navigation as drawn, and the
    demo loader. It composes the feature apps, so it sits above them (ARCHITECTURE.md)."""

    name = "academy.site"
    label = "site"
    verbose_name = "Site front"
