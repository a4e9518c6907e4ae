from django.apps import AppConfig


class TransportConfig(AppConfig):
    name = "insatskollen.transport"
    label = "transport"
    verbose_name = "Turbundna resor: beställningar och fakturor"
