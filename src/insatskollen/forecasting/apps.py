from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "insatskollen.forecasting"
    label = "forecasting"
    verbose_name = "Prognos"
