"""Follow-up figures from the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.core.identity import mask_personal_number
from insatskollen.core.months import add_months
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.money import ORE, allocate, month_amounts
from insatskollen.costing.selectors import ENGINE_FIELDS, arrays_from_values, term_rows
from insatskollen.followup.keyfigures import CodeFigures, compute_keyfigures
from insatskollen.followup.reconciliation import LedgerRow, Reconciliation, RegisterItem, Rules, reconcile
from insatskollen.ledger.models import AccountKind, LedgerEntry, ReconciliationRuleKind
from insatskollen.ledger.selectors import AccountClassifier, activity_codes, reconciliation_rules
from insatskollen.register.models import Decision, InterventionType


def keyfigures_for_year(
    qs: QuerySet[Decision] | None, year: int, *, compare: tuple[str, str] | None = None,
    cutoff: dt.datetime | None = None,
) -> dict[str, CodeFigures]:
    # One row per term period: a decision's days are counted once (its periods do not overlap) and each priced
    # with the terms of its period.
    rows = [
        {"code": r["intervention_type__code"], "client_id": r["client_id"], "start": r["start_date"],
         "end": r["end_date"], "unit": r["unit"], "extent": r["extent"], "price": r["price"],
         "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in term_rows(qs, dt.date(year, 1, 1), dt.date(year, 12, 31), cutoff=cutoff,
                           fields=(*ENGINE_FIELDS, "intervention_type__code", "client_id"))
    ]
    names = dict(InterventionType.objects.values_list("code", "name"))
    return compute_keyfigures(rows, year=year, compare=compare, names=names)


def reconcile_month(month: dt.date, *, qs: QuerySet[Decision] | None = None) -> Reconciliation:
    """Reconcile `month`: the register's cost (decisions as currently registered, each day priced with its terms by
    the cost engine; each decision's month in öre, adding up to the month's figure) against the ledger's cost rows (revenue and accounts outside
    the follow-up are left out), read with the configured reconciliation rules. Ledger rows from two months before
    to two months after: the outer ones only to find December bookings reversed in January."""
    month = month.replace(day=1)
    first, count = add_months(month, -2), 4  # two months before (to pair last month's rows) to the month after
    values = term_rows(qs, first, add_months(month, 2) - dt.timedelta(days=1), fields=(
        *ENGINE_FIELDS, "external_id", "client__personal_number", "intervention_type__code", "provider__name"))
    register: list[RegisterItem] = []
    if values:
        priced = monthly_costs(arrays_from_values(values), first, count)
        # A decision's periods in one month are one item: their costs summed, rounded once.
        items: dict[tuple, list] = {}
        for index, row in enumerate(values):
            for column, period in enumerate(priced.months):
                if priced.days[index, column] > 0:
                    key = (row["decision_id"], period, row["intervention_type__code"], row["provider__name"])
                    entry = items.setdefault(key, [row, 0.0])
                    entry[1] += priced.cost[index, column]
        # Each month's items add up to the register's figure for the month (rounded once, costing.money): the
        # decisions' own roundings are allocated by largest remainder, so reconciliation and every page agree.
        month_totals = dict(zip(priced.months, month_amounts(priced.cost)))
        keys = list(items)
        amounts: dict[tuple, Decimal] = {}
        for period in priced.months:
            of_month = [k for k in keys if k[1] == period]
            exact = [Decimal(repr(float(items[k][1]))) for k in of_month]
            amounts.update(zip(of_month, allocate(exact, month_totals[period], step=ORE)))
        for key, (row, _) in items.items():
            _, period, code, provider = key
            register.append(RegisterItem(
                month=period, code=code, provider=provider,
                decision=row["external_id"] or f"#{row['decision_id']}",
                client=mask_personal_number(row["client__personal_number"]), amount=amounts[key],
                client_number=row["client__personal_number"]))
    classify, codes = AccountClassifier(), activity_codes()
    ledger = [
        LedgerRow(period=e.period, code=codes.get(e.activity, e.activity), counterpart=e.counterpart, amount=e.amount,
                  account=e.account, voucher=e.voucher, text=e.text, row_id=e.pk)
        for e in LedgerEntry.objects.filter(period__gte=add_months(month, -2), period__lte=add_months(month, 2))
        .only("period", "account", "activity", "counterpart", "amount", "voucher", "text", "row")
        if classify.kind(e.account) == AccountKind.COST
    ]
    configured = reconciliation_rules()
    rules = Rules(accrual_accounts=configured[ReconciliationRuleKind.ACCRUAL_ACCOUNT],
                  accrual_vouchers=configured[ReconciliationRuleKind.ACCRUAL_VOUCHER],
                  no_decision_texts=configured[ReconciliationRuleKind.NO_DECISION_TEXT])
    return reconcile(month, register, ledger, rules)
