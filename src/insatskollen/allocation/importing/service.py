"""schablon_import and measurement_dates_import: a file validated whole, then written in one transaction with its
audit event, or refused whole (every error named by row, column and value, nothing stored)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.allocation.importing.rows import (
    DATE_COLUMNS,
    SCHABLON_COLUMNS,
    DateRow,
    RateRow,
    parse_date_rows,
    parse_rate_rows,
)
from insatskollen.allocation.models import AllocationRate, MeasurementDate
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import ImportSummary, Progress, RowError, header_names, map_columns
from insatskollen.core.tabular import Table, UnreadableFile, read_table


@dataclass
class AllocationImportResult(ImportSummary):
    """created / updated / unchanged count the file's rows in (year, code) pairs (schablon) or years (dates) that
    were new, that replace earlier rows, or that were already stored exactly so."""

    kind: str = ""  # schablon | measurement_dates
    years: list[int] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "kind": self.kind, "years": self.years, "replaced": self.replaced}


def _check_actor(actor) -> None:
    if getattr(actor, "is_authenticated", False) and not access.may_change_allocation(actor):
        raise PermissionDenied


def _refused(actor, kind: str, name: str, errors: list[RowError], rows: int = 0) -> AllocationImportResult:
    audit_record(actor=actor, action=AuditAction.ALLOCATION_IMPORT_REFUSED, object_type=f"{kind} file",
                 object_id=name[:64], summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return AllocationImportResult(status="refused", kind=kind, errors=errors, file_name=name, rows=rows)


def _read(path: str | Path, actor, kind: str, file_name: str | None, columns) -> Table | AllocationImportResult:
    """The file's table, read by the same rules as every import (core.tabular): header row found, total rows
    skipped and listed."""
    _check_actor(actor)
    name = file_name or Path(path).name
    names, required = header_names(columns)
    try:
        return read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names, required=required)
    except UnreadableFile as exc:
        return _refused(actor, kind, name, [RowError(0, "", name, str(exc))])


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def schablon_import(path: str | Path, *, actor, dry_run: bool = False, file_name: str | None = None,
                    progress: Progress | None = None, source: str = "", derived: bool = False
                    ) -> AllocationImportResult:
    """Import a schablon file (formats.md §5). A year and code in the file replaces that year and code's rates
    (the earlier ones are kept as history); a year and code whose rates are already exactly the file's is left."""
    table = _read(path, actor, "schablon", file_name, SCHABLON_COLUMNS)
    if isinstance(table, AllocationImportResult):
        return table
    mapping = map_columns(table.header, SCHABLON_COLUMNS, header_row=table.header_row)
    result = _schablon_import(table, mapping, actor=actor, dry_run=dry_run, progress=progress, source=source,
                              derived=derived)
    result.read_from(table, mapping)
    return result


def _schablon_import(table: Table, mapping, *, actor, dry_run: bool, progress: Progress | None, source: str,
                     derived: bool) -> AllocationImportResult:
    if mapping.missing or mapping.duplicated:
        return _refused(actor, "schablon", table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_rate_rows(
        table.rows, mapping, first_row=table.first_row, progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, "schablon", table.file_name, errors, rows=total)
    if not rows:
        return _refused(actor, "schablon", table.file_name,
                        [RowError(0, "", table.file_name, "Filen innehåller inga schablonrader.")])
    by_pair: dict[tuple[int, str], list[RateRow]] = defaultdict(list)
    for row in rows:
        by_pair[(row.year, row.code)].append(row)
    stored: dict[tuple[int, str], set] = defaultdict(set)
    for rate in AllocationRate.objects.filter(replaced_at__isnull=True, year__in={y for y, _ in by_pair}):
        stored[(rate.year, rate.code)].add((rate.group, rate.level, rate.amount, rate.unit))
    result = AllocationImportResult(status="dry-run" if dry_run else "imported", kind="schablon",
                                    file_name=table.file_name, rows=len(rows), ignored_columns=mapping.ignored,
                                    years=sorted({y for y, _ in by_pair}))
    to_write: list[tuple[int, str]] = []
    for pair in sorted(by_pair):
        pair_rows = by_pair[pair]
        before = stored.get(pair)
        if not before:
            result.created += len(pair_rows)
            to_write.append(pair)
        elif before == {(r.group, r.level, r.amount, r.unit) for r in pair_rows}:
            result.unchanged += len(pair_rows)
        else:
            result.updated += len(pair_rows)
            to_write.append(pair)
            result.replaced.append(f"{pair[0]} {pair[1]}")
            result.changes.append({"year": pair[0], "insatskod": pair[1], "rows_before": len(before),
                                   "rows_after": len(pair_rows)})
    if dry_run or not to_write:
        return result
    now = timezone.now()
    with transaction.atomic():
        for year, code in to_write:
            AllocationRate.objects.filter(year=year, code=code, replaced_at__isnull=True).update(replaced_at=now)
        AllocationRate.objects.bulk_create([
            AllocationRate(year=r.year, code=r.code, group=r.group, level=r.level, amount=r.amount, unit=r.unit,
                           source=(source or table.file_name)[:200], derived=derived, created_by=_user(actor))
            for pair in to_write for r in by_pair[pair]])
        audit_record(actor=actor, action=AuditAction.ALLOCATION_IMPORTED, object_type="schablon file",
                     object_id=table.file_name[:64],
                     summary=(f"{table.file_name}: schablon för {', '.join(f'{y} {c}' for y, c in to_write)} "
                              f"({result.created} nya, {result.updated} ersatta, {result.unchanged} oförändrade)"),
                     detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                             "pairs": [f"{y} {c}" for y, c in to_write], "derived": derived})
    return result


def measurement_dates_import(path: str | Path, *, actor, dry_run: bool = False, file_name: str | None = None,
                             progress: Progress | None = None) -> AllocationImportResult:
    """Import a measurement-date file (formats.md §6): it replaces the dates of the years it holds."""
    table = _read(path, actor, "measurement_dates", file_name, DATE_COLUMNS)
    if isinstance(table, AllocationImportResult):
        return table
    mapping = map_columns(table.header, DATE_COLUMNS, header_row=table.header_row)
    result = _measurement_dates_import(table, mapping, actor=actor, dry_run=dry_run)
    result.read_from(table, mapping)
    return result


def _measurement_dates_import(table: Table, mapping, *, actor, dry_run: bool) -> AllocationImportResult:
    if mapping.missing or mapping.duplicated:
        return _refused(actor, "measurement_dates", table.file_name, mapping.missing_errors())
    rows, errors = parse_date_rows(table.rows, mapping, first_row=table.first_row)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, "measurement_dates", table.file_name, errors, rows=len(table.rows))
    if not rows:
        return _refused(actor, "measurement_dates", table.file_name,
                        [RowError(0, "", table.file_name, "Filen innehåller inga mättillfällen.")])
    by_year: dict[int, list[DateRow]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    stored: dict[int, set] = defaultdict(set)
    for m in MeasurementDate.objects.filter(year__in=list(by_year)):
        stored[m.year].add((m.date, m.six_month_rule))
    result = AllocationImportResult(status="dry-run" if dry_run else "imported", kind="measurement_dates",
                                    file_name=table.file_name, rows=len(rows), ignored_columns=mapping.ignored,
                                    years=sorted(by_year))
    to_write = []
    for year in sorted(by_year):
        wanted = {(r.date, r.six_month_rule) for r in by_year[year]}
        if not stored.get(year):
            result.created += len(wanted)
            to_write.append(year)
        elif stored[year] == wanted:
            result.unchanged += len(wanted)
        else:
            result.updated += len(wanted)
            to_write.append(year)
            result.replaced.append(str(year))
            result.changes.append({"year": year, "before": sorted(d.isoformat() for d, _ in stored[year]),
                                   "after": sorted(d.isoformat() for d, _ in wanted)})
    if dry_run or not to_write:
        return result
    with transaction.atomic():
        MeasurementDate.objects.filter(year__in=to_write).delete()
        MeasurementDate.objects.bulk_create([MeasurementDate(year=r.year, date=r.date, six_month_rule=r.six_month_rule)
                                             for year in to_write for r in by_year[year]])
        audit_record(actor=actor, action=AuditAction.ALLOCATION_IMPORTED, object_type="measurement_dates file",
                     object_id=table.file_name[:64],
                     summary=f"{table.file_name}: mättillfällen för {', '.join(str(y) for y in to_write)}",
                     detail={"years": to_write,
                             "dates": [r.date.isoformat() for y in to_write for r in by_year[y]]})
    return result
