"""URLs of the forecast pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import forecast

urlpatterns: list = [
    path("prognos/", forecast.forecast_page, name="forecast"),
    path("prognos/brygga/", forecast.forecast_bridge_page, name="forecast_bridge"),
    path("prognos/traffsakerhet/", forecast.forecast_backtest_page, name="forecast_backtest"),
    path("prognos/spara/", forecast.forecast_snapshot, name="forecast_snapshot"),
]
