from django.contrib import admin

from insatskollen.allocation.models import AllocationRate, LevelRequest, MeasurementDate, SpecialClaim


class ReadOnly(admin.ModelAdmin):
    """Read only: rates and dates come by import, requests and claims through the services, which audit them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AllocationRate)
class AllocationRateAdmin(ReadOnly):
    list_display = ("year", "code", "group", "level", "amount", "unit", "derived", "created_at", "replaced_at")
    list_filter = ("year", "code", "derived")


@admin.register(MeasurementDate)
class MeasurementDateAdmin(ReadOnly):
    list_display = ("year", "date", "six_month_rule")


@admin.register(LevelRequest)
class LevelRequestAdmin(ReadOnly):
    list_display = ("client", "intervention_type", "current_level", "requested_level", "requested_on", "status")
    list_filter = ("status",)


@admin.register(SpecialClaim)
class SpecialClaimAdmin(ReadOnly):
    list_display = ("client", "measurement_date", "kind", "amount_claimed", "amount_granted", "status", "payable")
    list_filter = ("status", "kind", "payable")
