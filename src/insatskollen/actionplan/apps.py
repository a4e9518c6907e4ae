from django.apps import AppConfig


class ActionplanConfig(AppConfig):
    name = "insatskollen.actionplan"
    label = "actionplan"
    verbose_name = "Åtgärdsplan och orsaksredovisning"
