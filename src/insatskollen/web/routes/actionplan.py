"""URLs of the actionplan pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import actionplan

urlpatterns: list = [
    path("prognos/atgardsplan/", actionplan.action_plans, name="action_plans"),
    path("prognos/atgardsplan/<int:pk>/", actionplan.action_plan, name="action_plan"),
    path("prognos/atgardsplan/<int:pk>/<str:fmt>/", actionplan.action_plan_download, name="action_plan_download"),
]
