from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API adds no navigation entry: the header is full at 1280 px, so the token page is
    linked from the profile page instead."""

    name = "academy.api"
    label = "api"
    verbose_name = "JSON API"
