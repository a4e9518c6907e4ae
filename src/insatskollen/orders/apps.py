from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "insatskollen.orders"
    label = "orders"
    verbose_name = "Beställningar och genomförandeplaner"
