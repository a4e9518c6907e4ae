from django.contrib import admin

from insatskollen.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ("at", "actor_name", "action", "object_type", "object_id", "client_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "summary", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
