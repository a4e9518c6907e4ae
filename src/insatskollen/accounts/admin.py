from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from insatskollen.accounts.models import ApiToken, Team, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "unit")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + (("Insatskollen", {"fields": ("role", "team")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (("Insatskollen", {"fields": ("role", "team")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
    list_filter = ("revoked",)
