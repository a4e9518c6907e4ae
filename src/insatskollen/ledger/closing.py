"""Closing months: the controller closes a month once its ledger is in; an admin may reopen the latest one.

A closed month's committee report reads the register as known at the closing, and a change that takes effect in a
closed month (or before it) is a retroactive correction (register.services). Months close in order, each one at
most the last complete month; the first closing may be of any complete month (every month before it closes with it).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.months import SWEDISH_MONTHS, add_months, month_end, month_label
from insatskollen.ledger.models import LedgerEntry
from insatskollen.register.models import ClosedMonth


def month_name(month: dt.date) -> str:
    return f"{SWEDISH_MONTHS[month.month - 1]} {month.year}"


def next_month_to_close(today: dt.date | None = None) -> dt.date | None:
    """The month after the latest closed one (or the last complete month, before any closing), if it is over."""
    today = today or timezone.localdate()
    latest = ClosedMonth.objects.order_by("-month").values_list("month", flat=True).first()
    candidate = add_months(latest, 1) if latest else add_months(today.replace(day=1), -1)
    return candidate if month_end(candidate) < today else None


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def month_close(*, month: dt.date, actor, closed_at: dt.datetime | None = None) -> ClosedMonth:
    """Close `month`. Refused (Swedish) when it is not over, already closed, not next in order, or has no ledger."""
    user = _user(actor)
    if user is not None and not access.may_close_months(user):
        raise PermissionDenied("Bara controllern och administratören stänger månader.")
    month = month.replace(day=1)
    now = closed_at or timezone.now()
    if month_end(month) >= timezone.localtime(now).date():
        raise ValidationError({"month": f"{month_name(month).capitalize()} är inte slut än och kan inte stängas."})
    latest = ClosedMonth.objects.select_for_update().order_by("-month").first()
    if latest is not None and month <= latest.month:
        raise ValidationError({"month": f"{month_name(month).capitalize()} är redan stängd."})
    if latest is not None and month != add_months(latest.month, 1):
        raise ValidationError({"month": f"Månaderna stängs i tur och ordning: stäng först "
                                        f"{month_name(add_months(latest.month, 1))}."})
    if not LedgerEntry.objects.filter(period=month).exists():
        raise ValidationError({"month": f"Huvudboken för {month_name(month)} är inte inläst. Stäng månaden när "
                                        "utfallet är importerat."})
    closed = ClosedMonth.objects.create(month=month, closed_at=now, closed_by=user)
    audit_record(actor=actor, action=AuditAction.MONTH_CLOSED, object_type="month", object_id=month_label(month),
                 summary=f"{month_name(month).capitalize()} stängd", detail={"month": month_label(month)})
    return closed


@transaction.atomic
def month_reopen(*, actor, reason: str) -> dt.date:
    """Reopen the latest closed month (admins only, with a reason). Its report reads the live register again."""
    user = _user(actor)
    if user is not None and not access.may_reopen_months(user):
        raise PermissionDenied("Bara administratören kan öppna en stängd månad igen.")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Skriv varför månaden öppnas igen."})
    latest = ClosedMonth.objects.select_for_update().order_by("-month").first()
    if latest is None:
        raise ValidationError("Ingen månad är stängd.")
    month = latest.month
    latest.delete()
    audit_record(actor=actor, action=AuditAction.MONTH_REOPENED, object_type="month", object_id=month_label(month),
                 summary=f"{month_name(month).capitalize()} öppnad igen", detail={"reason": reason.strip()})
    return month
