from django.apps import AppConfig


class Config(AppConfig):
    name = "insatskollen.demo"
    label = "demo"
