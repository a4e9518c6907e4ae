from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "insatskollen.notifications"
    label = "notifications"
    verbose_name = "Notiser"
