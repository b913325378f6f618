from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "academy.core"
    label = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from academy.core import checks  # noqa: F401  (registers the deployment checks)
        from academy.core.storage import reset_private_storages

        setting_changed.connect(reset_private_storages, dispatch_uid="academy-private-storages")
        from academy.core import learner_cache

        learner_cache.connect()  # a learner's kept fragments are dropped by their writes
