"""Admin for the year plan: read only. Changes go through the year plan page, whose services write the audit."""

from django.contrib import admin

from insatskollen.planning.models import PlannedEvent


@admin.register(PlannedEvent)
class PlannedEventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "team", "first_date", "recurrence", "until", "start_time")
    list_filter = ("kind", "recurrence", "team")
    search_fields = ("title", "description")
    readonly_fields = ("default_key", "created_by", "created_at", "updated_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
