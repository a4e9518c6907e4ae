from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "insatskollen.allocation"
    label = "allocation"
    verbose_name = "Resursfördelning"
