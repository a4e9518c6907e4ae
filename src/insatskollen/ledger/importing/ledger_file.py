"""ledger_import: a ledger file (formats.md §2) validated whole, then written in one transaction or refused whole.

A delivery replaces the earlier rows of every period it holds. A period whose rows are the same as those stored
(compared as a multiset of account, activity, amount, counterpart, text and voucher) is left as it is, so the same
file imported twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import RowError, map_columns
from insatskollen.core.months import month_label
from insatskollen.core.tabular import Table
from insatskollen.ledger.importing.files import import_file, refuse_file
from insatskollen.ledger.importing.result import FileImportResult, Progress
from insatskollen.ledger.importing.rows import LEDGER_COLUMNS, LedgerRow, parse_ledger_rows
from insatskollen.ledger.models import AccountKind, LedgerBatch, LedgerEntry
from insatskollen.ledger.selectors import AccountClassifier, activity_codes
from insatskollen.register.models import InterventionType

BATCH = 2000


def ledger_import(
    path: str | Path, *, actor, dry_run: bool = False, file_name: str | None = None, progress: Progress | None = None,
) -> FileImportResult:
    """Import a ledger file. All rows are validated first; a file with any error is refused whole."""
    return import_file(path, actor=actor, file_name=file_name, columns=LEDGER_COLUMNS, refused=partial(_refused, actor),
                       import_table=partial(ledger_import_table, actor=actor, dry_run=dry_run, progress=progress))


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> FileImportResult:
    return refuse_file(actor=actor, kind="ledger", action=AuditAction.LEDGER_IMPORT_REFUSED, name=name,
                       errors=errors, rows=rows)


def ledger_import_table(table: Table, *, actor, dry_run: bool = False,
                        progress: Progress | None = None) -> FileImportResult:
    mapping = map_columns(table.header, LEDGER_COLUMNS, header_row=table.header_row)
    if mapping.missing or mapping.duplicated:
        return _refused(actor, table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_ledger_rows(
        table.rows, mapping, first_row=table.first_row, progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, table.file_name, errors, rows=total)
    if not rows:
        return _refused(actor, table.file_name, [RowError(0, "", table.file_name, "Filen innehåller inga bokningar.")])

    by_period: dict[dt.date, list[LedgerRow]] = defaultdict(list)
    for row in rows:
        by_period[row.period].append(row)
    stored = _stored_bookings(list(by_period))
    result = FileImportResult(status="dry-run" if dry_run else "imported", kind="ledger", file_name=table.file_name,
                              rows=len(rows), ignored_columns=mapping.ignored,
                              periods=[month_label(p) for p in sorted(by_period)])
    to_write: list[dt.date] = []
    for period in sorted(by_period):
        file_rows = by_period[period]
        before = stored.get(period)
        if before is None:
            result.created += len(file_rows)
            to_write.append(period)
        elif before == Counter(r.content for r in file_rows):
            result.unchanged += len(file_rows)
        else:
            result.updated += len(file_rows)
            to_write.append(period)
            result.replaced.append(month_label(period))
            result.changes.append({
                "period": month_label(period),
                "rows_before": sum(before.values()), "rows_after": len(file_rows),
                "amount_before": float(sum((c[2] * n for c, n in before.items()), Decimal(0))),
                "amount_after": float(sum((r.amount for r in file_rows), Decimal(0))),
            })
    result.new = {"periods": [month_label(p) for p in sorted(by_period) if p not in stored],
                  "activities": _unknown_activities(rows)}
    result.totals = _totals(rows)
    if dry_run or not to_write:
        return result
    with transaction.atomic():
        _write(table.file_name, to_write, by_period, actor=actor, progress=progress)
        audit_record(
            actor=actor, action=AuditAction.LEDGER_IMPORTED, object_type="ledger file",
            object_id=table.file_name[:64],
            summary=(f"{table.file_name}: {result.created} nya, {result.updated} ersatta, {result.unchanged} "
                     f"oförändrade bokningar"),
            detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                    "periods": [month_label(p) for p in to_write], "replaced": result.replaced},
        )
    return result


def _stored_bookings(periods: list[dt.date]) -> dict[dt.date, Counter]:
    """The stored bookings of `periods`, each period's as a multiset of their contents."""
    stored: dict[dt.date, Counter] = {}
    values = LedgerEntry.objects.filter(period__in=periods).values_list(
        "period", "account", "activity", "amount", "counterpart", "text", "voucher")
    for period, *content in values.iterator(chunk_size=5000):
        stored.setdefault(period, Counter())[tuple(content)] += 1
    return stored


def _unknown_activities(rows: list[LedgerRow]) -> list[str]:
    """Activity codes that are neither an intervention code nor mapped to one: their costs reach no code."""
    known = set(InterventionType.objects.values_list("code", flat=True)) | set(activity_codes())
    return sorted({r.activity for r in rows if r.activity and r.activity not in known})


def _totals(rows: list[LedgerRow]) -> dict[str, Decimal]:
    classify = AccountClassifier()
    totals = {AccountKind.COST.value: Decimal(0), AccountKind.REVENUE.value: Decimal(0),
              AccountKind.IGNORE.value: Decimal(0)}
    for row in rows:
        kind = classify.kind(row.account)
        totals[kind] += -row.amount if kind == AccountKind.REVENUE else row.amount
    return totals


def _write(file_name: str, periods: list[dt.date], by_period: dict[dt.date, list[LedgerRow]], *, actor,
           progress: Progress | None) -> LedgerBatch:
    user = actor if getattr(actor, "is_authenticated", False) else None
    LedgerEntry.objects.filter(period__in=periods).delete()
    rows = [row for period in periods for row in by_period[period]]
    batch = LedgerBatch.objects.create(
        file_name=file_name[:255], imported_by=user,
        actor_name=getattr(user, "username", "") or (actor if isinstance(actor, str) else "system"),
        periods=[month_label(p) for p in periods], rows=len(rows))
    for start in range(0, len(rows), BATCH):
        LedgerEntry.objects.bulk_create([
            LedgerEntry(batch=batch, period=r.period, account=r.account, activity=r.activity, amount=r.amount,
                        counterpart=r.counterpart, text=r.text, voucher=r.voucher, row=r.row)
            for r in rows[start:start + BATCH]
        ])
        if progress:
            progress("Sparar", min(start + BATCH, len(rows)), len(rows))
    return batch
