from django.apps import AppConfig


class Config(AppConfig):
    name = "insatskollen.api"
    label = "api"
