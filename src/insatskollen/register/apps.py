from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "insatskollen.register"
    label = "register"
    verbose_name = "Register"
