"""Case conferences in the admin: read only (every change goes through conferences.services and is audited)."""

from django.contrib import admin

from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("position", "kind", "title", "outcome", "recorded_by", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ("team", "week_start", "status", "held_on", "routine_count")
    list_filter = ("team", "status")
    inlines = [AgendaItemInline]


@admin.register(PolicyQuestion)
class PolicyQuestionAdmin(ReadOnlyAdmin):
    list_display = ("client", "decision", "raised_by", "created_at", "resolved")
    list_filter = ("resolved",)
