from django.apps import AppConfig


class PackagesConfig(AppConfig):
    name = "academy.packages"
    label = "packages"
    verbose_name = "Packages for other systems (SCORM 1.2, QTI 3.0)"
    # No navigation entry: the authoring page of an academy's content links here.
