from django.contrib import admin

from insatskollen.contracts.models import Renegotiation


@admin.register(Renegotiation)
class RenegotiationAdmin(admin.ModelAdmin):
    """Read only: renegotiations are recorded through the contract watch, which also reprices the decisions."""

    list_display = ("contract", "effective_from", "old_price", "new_price", "effect_this_year", "recorded_by")
    list_select_related = ("contract", "recorded_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
