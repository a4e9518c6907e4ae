"""Writes to the ledger and the budget. Keyword-only, one transaction each, audited.

- ledger_import / budget_import (in ledger.importing): a file, validated whole, stored or refused whole.
- budget_supplement_add: a supplementary budget (tilläggsbudget) with its decision date and reason.
- default_mappings_install: the Kommun-Bas account classes as editable mappings, when there are none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.numbers import InvalidValue, format_sek, to_ore
from insatskollen.ledger.importing.budget_file import budget_import
from insatskollen.ledger.importing.files import check_actor
from insatskollen.ledger.importing.ledger_file import ledger_import
from insatskollen.ledger.importing.result import FileImportResult
from insatskollen.ledger.importing.rows import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT, activity_code
from insatskollen.ledger.models import AccountKind, AccountMapping, BudgetKind, BudgetLine
from insatskollen.ledger.spreading import spread_evenly

__all__ = [
    "DEFAULT_ACCOUNT_MAPPINGS",
    "FileImportResult",
    "budget_import",
    "budget_supplement_add",
    "default_mappings_install",
    "ledger_import",
]

# Kommun-Bas: class 3 revenue, 4–7 costs, 8 financial items, 1–2 balance sheet, 9 internal and closing.
DEFAULT_ACCOUNT_MAPPINGS: tuple[tuple[str, str, str], ...] = (
    ("1", AccountKind.IGNORE, "Balansräkning: tillgångar"),
    ("2", AccountKind.IGNORE, "Balansräkning: eget kapital och skulder"),
    ("3", AccountKind.REVENUE, "Intäkter (verksamhetens intäkter, bidrag och ersättningar)"),
    ("33", AccountKind.REVENUE, "Bidrag, t.ex. assistansersättning från Försäkringskassan"),
    ("4", AccountKind.COST, "Köp av verksamhet och material"),
    ("46", AccountKind.COST, "Köp av huvudverksamhet (beställda insatser)"),
    ("5", AccountKind.COST, "Personalkostnader och arvoden"),
    ("6", AccountKind.COST, "Lokal-, fastighets- och övriga kostnader"),
    ("7", AccountKind.COST, "Övriga kostnader"),
    ("8", AccountKind.IGNORE, "Finansiella intäkter och kostnader"),
    ("9", AccountKind.IGNORE, "Interna poster och bokslut"),
)


def default_mappings_install() -> int:
    """Create the default account mappings, only when there are none. Returns how many were created."""
    with transaction.atomic():
        if AccountMapping.objects.exists():
            return 0
        AccountMapping.objects.bulk_create([
            AccountMapping(prefix=prefix, kind=kind, description=description)
            for prefix, kind, description in DEFAULT_ACCOUNT_MAPPINGS
        ])
    return len(DEFAULT_ACCOUNT_MAPPINGS)


def _supplement_errors(year, amount, decided_on, reason, activity, month) -> tuple[dict[str, str], str]:
    errors: dict[str, str] = {}
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = f"År ska vara ett årtal mellan {FIRST_YEAR} och {LAST_YEAR}."
    if amount is None or not isinstance(amount, (Decimal, int)):
        errors["amount"] = "Ange beloppet i kronor."
    elif amount == 0:
        errors["amount"] = "Beloppet kan inte vara noll."
    elif abs(amount) >= MAX_AMOUNT:
        errors["amount"] = "Beloppet är orimligt stort."
    if not isinstance(decided_on, dt.date):
        errors["decided_on"] = "Ange datumet då tilläggsbudgeten beslutades."
    if not (reason or "").strip():
        errors["reason"] = "Ange anledningen till tilläggsbudgeten."
    elif len(reason.strip()) > 300:
        errors["reason"] = "Anledningen får vara högst 300 tecken."
    if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
        errors["month"] = "Månad ska vara ett tal från 1 till 12."
    code = ""
    if activity:
        try:
            code = activity_code(activity)
        except InvalidValue as exc:
            errors["activity"] = str(exc)
    return errors, code


def supplement_months(year: int, decided_on: dt.date) -> range:
    """The months a supplementary budget without a month is spread over: from the month it was decided to
    December (all year when decided the year before; December alone when decided after the year)."""
    if decided_on.year < year:
        return range(1, 13)
    if decided_on.year > year:
        return range(12, 13)
    return range(decided_on.month, 13)


def budget_supplement_add(
    *, year: int, amount: Decimal, decided_on: dt.date, reason: str, activity: str = "", month: int | None = None,
    actor,
) -> list[BudgetLine]:
    """Add a supplementary budget (tilläggsbudget) to `year`: on `month`, or spread from the month of `decided_on`
    to December. Positive amounts raise the net budget, negative lower it. Raises ValidationError (field → Swedish
    message) or PermissionDenied (a person who may not change the budget)."""
    check_actor(actor, access.may_change_budget)
    errors, code = _supplement_errors(year, amount, decided_on, reason, activity, month)
    if errors:
        raise ValidationError(errors)
    amount = to_ore(amount)
    months = range(month, month + 1) if month else supplement_months(year, decided_on)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        lines = BudgetLine.objects.bulk_create([
            BudgetLine(year=year, month=m, activity=code, amount=part, kind=BudgetKind.SUPPLEMENTARY,
                       decided_on=decided_on, reason=reason.strip(), created_by=user)
            for m, part in spread_evenly(amount, months).items()
        ])
        audit_record(
            actor=actor, action=AuditAction.BUDGET_CHANGED, object_type="budget", object_id=str(year),
            summary=(f"Tilläggsbudget {year} {format_sek(amount)}{' för ' + code if code else ''}, "
                     f"beslutad {decided_on.isoformat()}: {reason.strip()}"),
            detail={"year": year, "amount": str(amount), "activity": code, "decided_on": decided_on.isoformat(),
                    "months": list(months), "reason": reason.strip()},
        )
    return lines
