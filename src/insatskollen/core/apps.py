from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "insatskollen.core"
    label = "core"
    verbose_name = "Kärna"

    def ready(self) -> None:
        from insatskollen.core import checks  # noqa: F401  (registers the deploy checks)
