"""budget_import: a budget file (formats.md §3) validated whole, then written in one transaction or refused whole.

Importing a budget replaces the original budget of every year the file holds; supplementary budgets
(tilläggsbudget) are kept. A row without Månad is spread evenly over the year, to the öre, the remainder in
December. A year whose original budget already is exactly the file's is left as it is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import RowError, map_columns
from insatskollen.core.tabular import Table
from insatskollen.ledger.importing.files import import_file, refuse_file
from insatskollen.ledger.importing.result import FileImportResult, Progress
from insatskollen.ledger.importing.rows import BUDGET_COLUMNS, BudgetRow, parse_budget_rows
from insatskollen.ledger.models import BudgetKind, BudgetLine
from insatskollen.ledger.spreading import spread_evenly


def budget_import(
    path: str | Path, *, actor, dry_run: bool = False, file_name: str | None = None, progress: Progress | None = None,
) -> FileImportResult:
    """Import a budget file. All rows are validated first; a file with any error is refused whole."""
    return import_file(path, actor=actor, file_name=file_name, columns=BUDGET_COLUMNS, refused=partial(_refused, actor),
                       import_table=partial(budget_import_table, actor=actor, dry_run=dry_run, progress=progress))


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> FileImportResult:
    return refuse_file(actor=actor, kind="budget", action=AuditAction.BUDGET_IMPORT_REFUSED, name=name,
                       errors=errors, rows=rows)


def monthly_lines(rows: list[BudgetRow]) -> list[tuple[int, str, Decimal]]:
    """The file's rows as (month, activity, amount) lines, a year's amount spread over its months."""
    lines = []
    for row in rows:
        months = spread_evenly(row.amount, range(1, 13)) if row.month is None else {row.month: row.amount}
        lines.extend((month, row.activity, amount) for month, amount in months.items())
    return lines


def budget_import_table(table: Table, *, actor, dry_run: bool = False,
                        progress: Progress | None = None) -> FileImportResult:
    mapping = map_columns(table.header, BUDGET_COLUMNS, header_row=table.header_row)
    if mapping.missing or mapping.duplicated:
        return _refused(actor, table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_budget_rows(
        table.rows, mapping, first_row=table.first_row, progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, table.file_name, errors, rows=total)
    if not rows:
        return _refused(actor, table.file_name, [RowError(0, "", table.file_name, "Filen innehåller inga budgetrader.")])

    by_year: dict[int, list[BudgetRow]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    stored: dict[int, Counter] = defaultdict(Counter)
    for year, month, activity, amount in BudgetLine.objects.filter(
            year__in=list(by_year), kind=BudgetKind.ORIGINAL).values_list("year", "month", "activity", "amount"):
        stored[year][(month, activity, amount)] += 1
    result = FileImportResult(status="dry-run" if dry_run else "imported", kind="budget", file_name=table.file_name,
                              rows=len(rows), ignored_columns=mapping.ignored,
                              periods=[str(y) for y in sorted(by_year)])
    lines = {year: monthly_lines(year_rows) for year, year_rows in by_year.items()}
    to_write: list[int] = []
    for year in sorted(by_year):
        count = len(by_year[year])
        before = stored.get(year)
        if not before:
            result.created += count
            to_write.append(year)
        elif before == Counter(lines[year]):
            result.unchanged += count
        else:
            result.updated += count
            to_write.append(year)
            result.replaced.append(str(year))
            result.changes.append({
                "year": year, "rows_before": sum(before.values()), "rows_after": len(lines[year]),
                "amount_before": float(sum((key[2] * n for key, n in before.items()), Decimal(0))),
                "amount_after": float(sum((line[2] for line in lines[year]), Decimal(0))),
            })
    result.new = {"years": [str(y) for y in sorted(by_year) if not stored.get(y)]}
    result.totals = {str(year): sum((line[2] for line in lines[year]), Decimal(0)) for year in sorted(by_year)}
    if dry_run or not to_write:
        return result
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        BudgetLine.objects.filter(year__in=to_write, kind=BudgetKind.ORIGINAL).delete()
        BudgetLine.objects.bulk_create([
            BudgetLine(year=year, month=month, activity=activity, amount=amount, kind=BudgetKind.ORIGINAL,
                       created_by=user)
            for year in to_write for month, activity, amount in lines[year]
        ], batch_size=2000)
        if progress:
            progress("Sparar", len(rows), len(rows))
        audit_record(
            actor=actor, action=AuditAction.BUDGET_IMPORTED, object_type="budget file",
            object_id=table.file_name[:64],
            summary=(f"{table.file_name}: budget för {', '.join(str(y) for y in to_write)} "
                     f"({result.created} nya, {result.updated} ersatta, {result.unchanged} oförändrade rader)"),
            detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                    "years": to_write, "totals": {k: str(v) for k, v in result.totals.items()}},
        )
    return result
