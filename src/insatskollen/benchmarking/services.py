"""Writes of the benchmarking app, each with its audit event: an exchange file of another district imported
(validated whole, written in one transaction, or refused whole), and Kolada's values and municipalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.benchmarking.exchange import COLUMNS, FORMAT_VERSION, parse_rows
from insatskollen.benchmarking.kolada import KoladaAnswer
from insatskollen.benchmarking.models import (
    DistrictFigure,
    DistrictImport,
    KoladaImport,
    KoladaMunicipality,
    KoladaValue,
)
from insatskollen.core.importing import ImportSummary, RowError, header_names, map_columns
from insatskollen.core.tabular import UnreadableFile, cell_text, read_table
from insatskollen.register.models import InterventionType


@dataclass
class ExchangeImportResult(ImportSummary):
    district: str = ""
    months: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "district": self.district, "months": self.months}


def _check(actor) -> None:
    if getattr(actor, "is_authenticated", False) and not access.may_exchange_benchmarks(actor):
        raise PermissionDenied


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> ExchangeImportResult:
    audit_record(actor=actor, action=AuditAction.BENCHMARK_IMPORT_REFUSED, object_type="exchange file",
                 object_id=name[:64], summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return ExchangeImportResult(status="refused", errors=errors, file_name=name, rows=rows)


def exchange_import(*, path: str | Path, actor, file_name: str | None = None, dry_run: bool = False
                    ) -> ExchangeImportResult:
    """Import another district's exchange file (docs/benchmark-exchange.md). A newer file of the same district
    replaces the months and codes it holds."""
    _check(actor)
    name = file_name or Path(path).name
    names, required = header_names(COLUMNS)
    try:
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names,
                           required=required)
    except UnreadableFile as exc:
        return _refused(actor, name, [RowError(0, "", name, str(exc))])
    mapping = map_columns(table.header, COLUMNS, header_row=table.header_row)
    if mapping.missing or mapping.duplicated:
        return _refused(actor, name, mapping.missing_errors(), len(table.rows))
    position = mapping.positions["version"]
    versions = sorted({cell_text(r[position]).strip().removesuffix(".0") for r in table.rows
                       if position < len(r) and cell_text(r[position]).strip()})
    if versions and versions != [FORMAT_VERSION]:
        other = ", ".join(v for v in versions if v != FORMAT_VERSION)
        return _refused(actor, name, [RowError(0, mapping.headers["version"], other,
                                               f"Filen har formatversion {other}; Insatskollen läser version "
                                               f"{FORMAT_VERSION} av utbytesformatet. Be stadsdelen exportera "
                                               f"filen på nytt med version {FORMAT_VERSION}.")], len(table.rows))
    known = set(InterventionType.objects.values_list("code", flat=True))
    parsed = parse_rows(table.rows, mapping, known_codes=known, first_row=table.first_row)
    if parsed.errors:
        return _refused(actor, name, parsed.errors, len(table.rows))
    months = sorted({r.month for r in parsed.rows})
    result = ExchangeImportResult(status="dry-run" if dry_run else "imported", file_name=name,
                                  rows=len(parsed.rows), district=parsed.district, months=months)
    result.read_from(table, mapping)
    if dry_run:
        return result
    with transaction.atomic():
        source = DistrictImport.objects.create(
            district=parsed.district, file_name=name[:255], format_version=FORMAT_VERSION,
            imported_by=actor if getattr(actor, "is_authenticated", False) else None)
        keys = {(dt.date.fromisoformat(r.month + "-01"), r.code) for r in parsed.rows}
        existing = DistrictFigure.objects.filter(district=parsed.district, month__in={m for m, _ in keys})
        result.updated = sum(1 for m, c in existing.values_list("month", "code") if (m, c) in keys)
        existing.filter(code__in={c for _, c in keys}).delete()
        DistrictFigure.objects.bulk_create([DistrictFigure(
            source=source, district=r.district, month=dt.date.fromisoformat(r.month + "-01"), code=r.code,
            name=r.name[:200], persons=r.persons, days=r.days, cost=r.cost, schablon=r.schablon,
            allocation=r.allocation, private_share_pct=r.private_share_pct, budget=r.budget, transfers=r.transfers,
            transfer_reasons=r.transfer_reasons[:1000]) for r in parsed.rows])
        result.created = len(parsed.rows) - result.updated
        audit_record(actor=actor, action=AuditAction.BENCHMARK_IMPORTED, object_type="district import",
                     object_id=source.pk, summary=f"{parsed.district}: {len(parsed.rows)} rader ({name})",
                     detail={"district": parsed.district, "months": months, "rows": len(parsed.rows)})
    return result


def kolada_import(*, answer: KoladaAnswer, source_name: str, actor, peers: list[str] | None = None) -> dict:
    """Store a Kolada answer's values (a value replaces the same KPI, municipality, year and gender) and its
    municipalities; `peers`: municipality ids (or a group's id) to mark as the chosen peers."""
    _check(actor)
    with transaction.atomic():
        source = KoladaImport.objects.create(file_name=source_name[:500],
                                             imported_by=actor if getattr(actor, "is_authenticated", False) else None)
        for v in answer.values:
            KoladaValue.objects.update_or_create(
                kpi=v.kpi, municipality=v.municipality, year=v.year, gender=v.gender,
                defaults={"value": v.value, "status": v.status[:20], "source": source})
        for code, title in answer.municipalities.items():
            KoladaMunicipality.objects.update_or_create(code=code, defaults={"name": title[:200]})
        for group_id, (title, members) in answer.groups.items():
            KoladaMunicipality.objects.filter(code__in=members).update(group=title[:300])
        chosen = set(peers or [])
        for group_id, (_, members) in answer.groups.items():
            if group_id in chosen:
                chosen |= set(members)
        chosen = {c for c in chosen if not c.upper().startswith("G")}  # a group's id ("G…") names its members
        if chosen:
            for code in chosen:
                KoladaMunicipality.objects.get_or_create(code=code, defaults={"name": code})
            KoladaMunicipality.objects.filter(code__in=chosen).update(peer=True)
        audit_record(actor=actor, action=AuditAction.KOLADA_IMPORTED, object_type="kolada import",
                     object_id=source.pk, summary=f"{len(answer.values)} värden från {source_name[:200]}",
                     detail={"values": len(answer.values), "municipalities": len(answer.municipalities),
                             "peers": sorted(chosen)})
    return {"values": len(answer.values), "municipalities": len(answer.municipalities), "peers": sorted(chosen)}
