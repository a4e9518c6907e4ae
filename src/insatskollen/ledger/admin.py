"""Admin for the ledger's mappings (editable configuration) and, read-only, its deliveries and budget lines.

Ledger rows and budgets are written by the imports and by budget_supplement_add, which audit every change.
"""

from django.contrib import admin
from django.db.models import Count

from insatskollen.ledger.models import (
    AccountMapping,
    ActivityMapping,
    BudgetLine,
    LedgerBatch,
    ReconciliationRule,
)


@admin.register(AccountMapping)
class AccountMappingAdmin(admin.ModelAdmin):
    list_display = ("prefix", "kind", "description")
    list_filter = ("kind",)
    search_fields = ("prefix", "description")


@admin.register(ActivityMapping)
class ActivityMappingAdmin(admin.ModelAdmin):
    list_display = ("activity", "intervention_code", "description")
    search_fields = ("activity", "intervention_code", "description")


@admin.register(ReconciliationRule)
class ReconciliationRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "description")
    list_filter = ("kind",)
    search_fields = ("value", "description")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("year", "month", "activity", "amount", "kind", "decided_on", "reason")
    list_filter = ("year", "kind", "month")
    search_fields = ("activity", "reason")


@admin.register(LedgerBatch)
class LedgerBatchAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "imported_at", "actor_name", "period_list", "rows", "entry_count")
    search_fields = ("file_name", "actor_name")
    date_hierarchy = "imported_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description="perioder")
    def period_list(self, batch: LedgerBatch) -> str:
        return ", ".join(batch.periods)

    @admin.display(description="bokningar kvar", ordering="entry_count")
    def entry_count(self, batch: LedgerBatch) -> int:
        return batch.entry_count
