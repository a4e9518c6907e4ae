"""Action plans in the admin, read-only: they are drafted and written through the services (with audit)."""

from django.contrib import admin

from insatskollen.actionplan.models import ActionPlan


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "as_of", "drafted_at", "updated_at", "updated_by")
    list_filter = ("year",)
    search_fields = ("title",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
