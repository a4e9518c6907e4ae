from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "insatskollen.casework"
    label = "casework"
    verbose_name = "Ärendearbete"
