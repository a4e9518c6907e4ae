from django.apps import AppConfig


class CostingConfig(AppConfig):
    name = "insatskollen.costing"
    label = "costing"
    verbose_name = "Kostnader"
