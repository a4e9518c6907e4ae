from django.apps import AppConfig


class FkConfig(AppConfig):
    name = "insatskollen.fk"
    label = "fk"
    verbose_name = "Försäkringskassan"
