"""Follow-up figures from the database."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from insatskollen.core.identity import mask_personal_number
from insatskollen.core.months import add_months
from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.selectors import arrays_from_values, decisions_overlapping
from insatskollen.followup.keyfigures import CodeFigures, compute_keyfigures
from insatskollen.followup.reconciliation import LedgerRow, Reconciliation, RegisterItem, reconcile
from insatskollen.ledger.models import AccountKind, LedgerEntry
from insatskollen.ledger.selectors import AccountClassifier, activity_codes
from insatskollen.register.models import Decision, InterventionType


def keyfigures_for_year(
    qs: QuerySet[Decision], year: int, *, compare: tuple[str, str] | None = None
) -> dict[str, CodeFigures]:
    rows = [
        {"code": r["intervention_type__code"], "client_id": r["client_id"], "start": r["start_date"],
         "end": r["end_date"], "unit": r["unit"], "extent": r["extent"], "price": r["price"],
         "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in decisions_overlapping(qs, dt.date(year, 1, 1), dt.date(year, 12, 31)).values(
            "intervention_type__code", "client_id", "start_date", "end_date", "unit", "extent", "price",
            "ifo_share_pct", "revenue_per_unit")
    ]
    names = dict(InterventionType.objects.values_list("code", "name"))
    return compute_keyfigures(rows, year=year, compare=compare, names=names)


def reconcile_month(month: dt.date, *, qs: QuerySet[Decision] | None = None) -> Reconciliation:
    """Reconcile `month`: the register's cost (decisions as currently registered, priced by the cost engine, each
    rounded to öre) against the ledger's cost rows (revenue and accounts outside the follow-up are left out)."""
    month = month.replace(day=1)
    first, count = add_months(month, -2), 4  # two months before (to pair last month's rows) to the month after
    qs = Decision.objects.all() if qs is None else qs
    values = list(decisions_overlapping(qs, first, add_months(month, 2) - dt.timedelta(days=1)).values(
        "pk", "external_id", "client__personal_number", "intervention_type__code", "provider__name",
        "start_date", "end_date", "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit"))
    register: list[RegisterItem] = []
    if values:
        priced = monthly_costs(arrays_from_values(values), first, count)
        for index, row in enumerate(values):
            client = mask_personal_number(row["client__personal_number"])
            for column, period in enumerate(priced.months):
                if priced.days[index, column] > 0:
                    register.append(RegisterItem(
                        month=period, code=row["intervention_type__code"], provider=row["provider__name"],
                        decision=row["external_id"] or f"#{row['pk']}", client=client,
                        amount=to_ore(priced.cost[index, column])))
    classify, codes = AccountClassifier(), activity_codes()
    ledger = [
        LedgerRow(period=e.period, code=codes.get(e.activity, e.activity), counterpart=e.counterpart, amount=e.amount,
                  account=e.account, voucher=e.voucher, text=e.text, row_id=e.pk)
        for e in LedgerEntry.objects.filter(period__gte=add_months(month, -1), period__lte=add_months(month, 1))
        .only("period", "account", "activity", "counterpart", "amount", "voucher", "text", "row")
        if classify.kind(e.account) == AccountKind.COST
    ]
    return reconcile(month, register, ledger)
