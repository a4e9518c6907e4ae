from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "insatskollen.conferences"
    label = "conferences"
    verbose_name = "Ärendedragning"
