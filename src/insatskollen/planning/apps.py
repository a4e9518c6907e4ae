from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "insatskollen.planning"
    label = "planning"
    verbose_name = "Årsplanering"
