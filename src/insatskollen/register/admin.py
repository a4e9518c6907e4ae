"""Admin for the register's reference data. Decisions are changed through the UI's services, not here."""

from django.contrib import admin

from insatskollen.register.models import Contract, InterventionType, MappingProfile, Provider


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "law", "category", "unit")
    list_filter = ("law", "category")
    search_fields = ("code", "name")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "org_number", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "org_number")


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("reference", "provider", "intervention_type", "price", "unit", "valid_from", "valid_to",
                     "is_individual")
    list_filter = ("is_individual", "provider")
    search_fields = ("reference", "provider__name")
    raw_id_fields = ("client",)


@admin.register(MappingProfile)
class MappingProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "description")
