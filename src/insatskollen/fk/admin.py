from django.contrib import admin

from insatskollen.fk.models import FkCase


@admin.register(FkCase)
class FkCaseAdmin(admin.ModelAdmin):
    """Read only: cases are registered and decided through the FK pages, which write the audit events."""

    list_display = ("client", "kind", "submitted_on", "outcome", "decided_on", "expected_amount", "received_amount")
    list_filter = ("kind", "outcome")
    list_select_related = ("client",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
