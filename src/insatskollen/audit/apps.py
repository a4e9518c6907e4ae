from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "insatskollen.audit"
    label = "audit"
    verbose_name = "Logg"
