from django.apps import AppConfig


class CostSharingConfig(AppConfig):
    name = "insatskollen.costsharing"
    label = "costsharing"
    verbose_name = "Kostnadsdelning med IFO"
