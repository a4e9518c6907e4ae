from django.contrib import admin

from insatskollen.forecasting.models import ForecastSnapshot


@admin.register(ForecastSnapshot)
class ForecastSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are history, taken through forecast_snapshot_take (the page or the command)."""

    list_display = ("year", "as_of", "method", "budget_net", "net", "deviation", "created_by", "updated_at")
    list_filter = ("year", "method")
    date_hierarchy = "as_of"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
