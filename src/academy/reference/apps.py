from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Public reference pages rendered from the knowledge base (no database)."""

    name = "academy.reference"
    label = "reference"
    verbose_name = "Clinical reference"
