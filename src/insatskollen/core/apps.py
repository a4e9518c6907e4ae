from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "insatskollen.core"
    label = "core"
    verbose_name = "Kärna"
