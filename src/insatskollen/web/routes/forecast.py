"""URLs of the forecast pages and their downloads; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import forecast, forecast_downloads

urlpatterns: list = [
    path("prognos/", forecast.forecast_page, name="forecast"),
    path("prognos/hamta/<str:kind>/", forecast_downloads.forecast_download, name="forecast_download"),
    path("prognos/brygga/", forecast.forecast_bridge_page, name="forecast_bridge"),
    path("prognos/brygga/hamta/<str:kind>/", forecast_downloads.forecast_bridge_download,
         name="forecast_bridge_download"),
    path("prognos/traffsakerhet/", forecast.forecast_backtest_page, name="forecast_backtest"),
    path("prognos/traffsakerhet/hamta/<str:kind>/", forecast_downloads.forecast_backtest_download,
         name="forecast_backtest_download"),
    path("prognos/spara/", forecast.forecast_snapshot, name="forecast_snapshot"),
]
