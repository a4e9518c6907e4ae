"""Delegation rules are reference data the admin (or unit head with admin access) edits; every change is audited."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.casework.delegation import Rule, describe
from insatskollen.casework.models import DelegationRule


def _rule_text(rule: DelegationRule) -> str:
    code = rule.intervention_type.code if rule.intervention_type_id else ""
    return describe(Rule(pk=rule.pk, law=rule.law, intervention_code=code, annual_cost_above=rule.annual_cost_above))


@admin.register(DelegationRule)
class DelegationRuleAdmin(admin.ModelAdmin):
    list_display = ("description", "law", "intervention_type", "annual_cost_above", "active")
    list_filter = ("active", "law")

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action=AuditAction.DELEGATION_CHANGED, object_type="delegation_rule",
                     object_id=obj.pk, summary=f"{'Ändrad' if change else 'Ny'} regel: {obj}",
                     detail={"changed": list(form.changed_data), "rule": _rule_text(obj), "active": obj.active})

    @transaction.atomic
    def delete_model(self, request, obj):
        pk, text = obj.pk, str(obj)
        super().delete_model(request, obj)
        audit_record(actor=request.user, action=AuditAction.DELEGATION_CHANGED, object_type="delegation_rule",
                     object_id=pk, summary=f"Borttagen regel: {text}")
