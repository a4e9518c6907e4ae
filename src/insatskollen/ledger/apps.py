from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "insatskollen.ledger"
    label = "ledger"
    verbose_name = "Ekonomi: utfall och budget"
