from django.apps import AppConfig


class Config(AppConfig):
    name = "insatskollen.web"
    label = "web"

    def ready(self) -> None:
        from insatskollen.web import signals

        signals.connect()
