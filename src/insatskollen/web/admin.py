"""Role, team and permission changes made in admin go to the audit trail.

The accounts app sits below the audit app, so the audited admin classes are registered here, on top of the
accounts app's own: the user's role, team, active/staff/superuser flags, groups and permissions, and a group's
permissions. Each change is one `access.changed` event naming who changed whom, with before → after."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group

from insatskollen.accounts.admin import UserAdmin
from insatskollen.accounts.models import User
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record

ACCESS_FIELDS = ("role", "team", "is_active", "is_staff", "is_superuser")
ACCESS_SETS = ("groups", "user_permissions")


def _shown(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def _sets(user: User) -> dict[str, list[str]]:
    if user.pk is None:
        return {name: [] for name in ACCESS_SETS}
    return {"groups": sorted(user.groups.values_list("name", flat=True)),
            "user_permissions": sorted(f"{p.content_type.app_label}.{p.codename}"
                                       for p in user.user_permissions.select_related("content_type"))}


class AuditedUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).select_related("team").first() if change else None
        request._access_before = {name: _shown(getattr(before, name)) for name in ACCESS_FIELDS} if before else {}
        request._access_sets_before = _sets(before) if before else {name: [] for name in ACCESS_SETS}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        fields_before = getattr(request, "_access_before", {})
        changes: dict[str, list[Any]] = {}
        for name in ACCESS_FIELDS:
            after = _shown(getattr(user, name))
            if not change or fields_before.get(name) != after:
                changes[name] = [fields_before.get(name), after]
        sets_before, sets_after = getattr(request, "_access_sets_before", {}), _sets(user)
        for name in ACCESS_SETS:
            if sets_before.get(name, []) != sets_after[name]:
                changes[name] = [sets_before.get(name, []), sets_after[name]]
        if changes:
            audit_record(actor=request.user, action=AuditAction.ACCESS_CHANGED, object_type="user",
                         object_id=user.pk, summary=f"{user.username}: {', '.join(changes)}",
                         detail={"user": user.username, "created": not change, "changes": changes})

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditAction.ACCESS_CHANGED, object_type="user", object_id=obj.pk,
                     summary=f"{obj.username}: borttagen", detail={"user": obj.username, "deleted": True})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            audit_record(actor=request.user, action=AuditAction.ACCESS_CHANGED, object_type="user",
                         object_id=user.pk, summary=f"{user.username}: borttagen",
                         detail={"user": user.username, "deleted": True})
        super().delete_queryset(request, queryset)


class AuditedGroupAdmin(GroupAdmin):
    def save_related(self, request, form, formsets, change):
        before = (sorted(f"{p.content_type.app_label}.{p.codename}"
                         for p in Group.objects.get(pk=form.instance.pk).permissions.select_related("content_type"))
                  if change else [])
        super().save_related(request, form, formsets, change)
        after = sorted(f"{p.content_type.app_label}.{p.codename}"
                       for p in form.instance.permissions.select_related("content_type"))
        if before != after or not change:
            audit_record(actor=request.user, action=AuditAction.ACCESS_CHANGED, object_type="group",
                         object_id=form.instance.pk, summary=f"Grupp {form.instance.name}: behörigheter",
                         detail={"group": form.instance.name, "changes": {"permissions": [before, after]}})


admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)
