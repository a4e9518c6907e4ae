"""URLs of the orders pages and the notices; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import notifications, orders

urlpatterns: list = [
    path("arbetslistor/genomforandeplaner/", orders.worklist_plans, name="worklist_plans"),
    path("beslut/<int:decision_pk>/bestallning/", orders.order_create_view, name="order_create"),
    path("bestallningar/<int:pk>/plan/", orders.order_plan_view, name="order_plan"),
    path("notiser/", notifications.notification_list, name="notifications"),
    path("notiser/<int:pk>/last/", notifications.notification_read, name="notification_read"),
    path("notiser/alla-lasta/", notifications.notification_read_all, name="notifications_read_all"),
]
