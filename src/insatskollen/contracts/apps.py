from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "insatskollen.contracts"
    label = "contracts"
    verbose_name = "Avtalsbevakning"
