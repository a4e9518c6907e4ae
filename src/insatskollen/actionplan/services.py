"""Writes to action plans: draft, edit the text sections, refresh the figures, record a download.

Each function owns its transaction and writes the audit event.
"""

from __future__ import annotations

import re

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.actionplan.models import SECTIONS, ActionPlan
from insatskollen.actionplan.selectors import draft_figures
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.numbers import format_sek

MAX_SECTION = 20_000
FORMATS = ("pdf", "docx")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _ensure_may_edit(actor) -> None:
    user = _user(actor)
    if user is not None and not access.may_change_budget(user):
        raise PermissionDenied("Din roll får inte skriva åtgärdsplaner.")


def _check_dates(year: int, as_of: dt.date) -> None:
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": "Året ska vara mellan 1990 och 2100."})
    if as_of.year not in (year - 1, year, year + 1):
        raise ValidationError({"as_of": f"Prognosdatumet ska ligga nära året {year} (mellan {year - 1} och {year + 1})."})


def _summary(plan: ActionPlan) -> str:
    content = plan.content
    deviation = float(content["budget_net"]) - float(content["forecast_net"])
    return f"{plan.title}: avvikelse {format_sek(deviation)}"


@transaction.atomic
def action_plan_draft(*, year: int, as_of: dt.date, actor, title: str = "") -> ActionPlan:
    """Draft a plan: compute the causes as known on `as_of` and freeze them in the plan."""
    _ensure_may_edit(actor)
    _check_dates(year, as_of)
    draft = draft_figures(year, as_of)
    plan = ActionPlan.objects.create(
        year=year, as_of=as_of, title=title.strip() or f"Åtgärdsplan och orsaksredovisning {year}",
        content=draft.to_json(), drafted_at=timezone.now(), created_by=_user(actor), updated_by=_user(actor))
    audit_record(actor=actor, action=AuditAction.ACTION_PLAN_CHANGED, object_type="actionplan", object_id=plan.pk,
                 summary=f"Utkast: {_summary(plan)}", detail={"year": year, "as_of": as_of.isoformat(),
                                                               "event": "drafted"})
    return plan


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Without control characters (other than line breaks and tabs): they cannot be written to a DOCX or a PDF."""
    return CONTROL_CHARACTERS.sub("", text)


@transaction.atomic
def action_plan_update(*, plan: ActionPlan, actor, **sections: str) -> list[str]:
    """Change the title and the text sections (summary, actions, follow_up); the figures stay as drafted.

    Returns the names of the changed fields (empty when nothing changed: no audit event then)."""
    _ensure_may_edit(actor)
    allowed = {"title", *SECTIONS}
    unknown = set(sections) - allowed
    if unknown:
        raise ValueError(f"Okända fält: {', '.join(sorted(unknown))}")
    errors = {}
    for name, text in sections.items():
        if len(text or "") > MAX_SECTION:
            errors[name] = f"Texten är för lång (högst {MAX_SECTION} tecken)."
    if "title" in sections and not (sections["title"] or "").strip():
        errors["title"] = "Skriv en rubrik."
    if errors:
        raise ValidationError(errors)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    changed = []
    for name, text in sections.items():
        text = printable((text or "").replace("\r\n", "\n")).strip()
        if getattr(plan, name) != text:
            setattr(plan, name, text)
            changed.append(name)
    if not changed:
        return []
    plan.updated_by = _user(actor)
    plan.save()
    audit_record(actor=actor, action=AuditAction.ACTION_PLAN_CHANGED, object_type="actionplan", object_id=plan.pk,
                 summary=f"Ändrad text ({', '.join(changed)}): {plan.title}",
                 detail={"event": "edited", "fields": changed})
    return changed


@transaction.atomic
def action_plan_redraft(*, plan: ActionPlan, actor, as_of: dt.date | None = None) -> ActionPlan:
    """Refresh the frozen figures (as known on `as_of`, default the plan's date); the texts stay."""
    _ensure_may_edit(actor)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    as_of = as_of or plan.as_of
    _check_dates(plan.year, as_of)
    previous = plan.content.get("forecast_net")
    plan.content = draft_figures(plan.year, as_of).to_json()
    plan.as_of = as_of
    plan.drafted_at = timezone.now()
    plan.updated_by = _user(actor)
    plan.save()
    audit_record(actor=actor, action=AuditAction.ACTION_PLAN_CHANGED, object_type="actionplan", object_id=plan.pk,
                 summary=f"Siffror uppdaterade: {_summary(plan)}",
                 detail={"event": "redrafted", "as_of": as_of.isoformat(), "forecast_net_before": previous,
                         "forecast_net_after": plan.content["forecast_net"]})
    return plan


@transaction.atomic
def action_plan_exported(*, actor, fmt: str, year: int, as_of: dt.date, title: str,
                         plan: ActionPlan | None = None) -> None:
    """Record that the document left the system (a download, or a file written by the command)."""
    if fmt not in FORMATS:
        raise ValueError(f"Okänt format: {fmt}")
    audit_record(actor=actor, action=AuditAction.DOCUMENT_EXPORTED, object_type="actionplan",
                 object_id=plan.pk if plan else "", summary=f"{title} ({fmt.upper()})",
                 detail={"format": fmt, "year": year, "as_of": as_of.isoformat()})
