from django.apps import AppConfig


class Config(AppConfig):
    name = "insatskollen.web"
    label = "web"
