"""transport_invoice_import: a carrier-invoice file validated whole, its lines matched against the orders, then
written in one transaction with its audit event; or refused whole (every error named by row, column and value).
An invoice already imported (same carrier and number) refuses the file."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import ImportSummary, Progress, RowError, header_names, map_columns
from insatskollen.core.tabular import Table, UnreadableFile, read_table
from insatskollen.transport import matching, selectors
from insatskollen.transport.importing.rows import INVOICE_COLUMNS, invoices_of, parse_invoice_rows
from insatskollen.transport.models import Carrier, DisputeStatus, InvoiceLine, TransportInvoice
from insatskollen.transport.services import _check_actor, _user, carrier_get_or_create


@dataclass
class InvoiceImportResult(ImportSummary):
    invoices: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "invoices": self.invoices}


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> InvoiceImportResult:
    audit_record(actor=actor, action=AuditAction.TRANSPORT_INVOICE_REFUSED, object_type="transport invoice file",
                 object_id=name[:64], summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return InvoiceImportResult(status="refused", errors=errors, file_name=name, rows=rows)


def _period(lines: list) -> dt.date:
    """The month of most of the invoice's trips (the earliest of equals)."""
    counts = Counter(r.trip_date.replace(day=1) for r in lines)
    return min(counts, key=lambda m: (-counts[m], m))


def transport_invoice_import(path: str | Path, *, actor, dry_run: bool = False, file_name: str | None = None,
                             progress: Progress | None = None) -> InvoiceImportResult:
    _check_actor(actor)
    name = file_name or Path(path).name
    names, required = header_names(INVOICE_COLUMNS)
    try:
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names,
                           required=required)
    except UnreadableFile as exc:
        return _refused(actor, name, [RowError(0, "", name, str(exc))])
    mapping = map_columns(table.header, INVOICE_COLUMNS, header_row=table.header_row)
    result = _import(table, mapping, actor=actor, dry_run=dry_run, progress=progress)
    result.read_from(table, mapping)
    return result


def _import(table: Table, mapping, *, actor, dry_run: bool, progress) -> InvoiceImportResult:
    if mapping.missing or mapping.duplicated:
        return _refused(actor, table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_invoice_rows(
        table.rows, mapping, first_row=table.first_row,
        progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    if not errors and not rows:
        errors = [RowError(0, "", table.file_name, "Filen innehåller inga fakturarader.")]
    grouped = invoices_of(rows)
    number_column = mapping.headers.get("number", "Fakturanummer")
    carriers = {c.name.casefold(): c for c in Carrier.objects.all()}
    for (carrier_name, number), lines in grouped.items():
        carrier = carriers.get(carrier_name.casefold())
        if carrier and TransportInvoice.objects.filter(carrier=carrier, number=number).exists():
            errors.append(RowError(lines[0].row, number_column, number,
                                   f"Faktura {number} från {carrier.name} är redan importerad. Inget sparades."))
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, table.file_name, errors, rows=total)
    result = InvoiceImportResult(status="dry-run" if dry_run else "imported", file_name=table.file_name,
                                 rows=len(rows), ignored_columns=mapping.ignored)
    first = min(r.trip_date for r in rows)
    last = max(r.trip_date for r in rows)
    terms = selectors.order_terms()
    closed = selectors.closed_days(first, last)
    clients = selectors.client_keys()
    with transaction.atomic():
        for (carrier_name, number), lines in grouped.items():
            carrier = carriers.get(carrier_name.casefold())
            if carrier is None:
                if dry_run:
                    carrier = Carrier(pk=0, name=carrier_name)
                else:
                    carrier, _ = carrier_get_or_create(name=carrier_name, actor=actor)
                result.new.setdefault("carriers", []).append(carrier_name)
            earlier = selectors.earlier_keys(carrier) if carrier.pk else set()
            matched = matching.match_lines(
                [matching.Line(r.row, r.personal_number, r.trip_date, r.trips, r.amount, r.contract) for r in lines],
                carrier_id=carrier.pk, clients=set(clients), terms=terms, closed=closed, earlier=earlier)
            sums = matching.totals(matched)
            summary = {"carrier": carrier.name, "number": number, "invoice_date": lines[0].invoice_date.isoformat(),
                       "lines": len(lines), "trips": sum(r.trips for r in lines), "amount": float(sums.amount),
                       "accepted": float(sums.accepted), "disputed": float(sums.disputed),
                       "by_kind": {k: float(v) for k, v in sums.by_kind.items()},
                       "flagged_lines": sum(1 for m in matched if m.flags)}
            result.invoices.append(summary)
            result.created += 1
            if dry_run:
                continue
            invoice = TransportInvoice.objects.create(
                carrier=carrier, number=number, invoice_date=lines[0].invoice_date, period=_period(lines),
                file_name=table.file_name[:255], imported_by=_user(actor), amount=sums.amount,
                accepted=sums.accepted, disputed=sums.disputed, trips=summary["trips"],
                dispute_status=DisputeStatus.OPEN if sums.disputed else DisputeStatus.NONE)
            InvoiceLine.objects.bulk_create([
                InvoiceLine(invoice=invoice, row=m.line.row, personal_number=m.line.client_key,
                            client_id=clients.get(m.line.client_key), trip_date=m.line.trip_date,
                            trips=m.line.trips, amount=m.line.amount, contract=m.line.contract,
                            order_id=m.order_id, contract_price=m.contract_price, accepted=m.accepted,
                            disputed=m.disputed,
                            flags=[{"kind": f.kind, "amount": str(f.amount), "text": f.text} for f in m.flags])
                for m in matched])
            audit_record(actor=actor, action=AuditAction.TRANSPORT_INVOICE_IMPORTED, object_type="transport invoice",
                         object_id=invoice.pk,
                         summary=(f"Faktura {number} från {carrier.name}: {sums.amount} kr, varav {sums.disputed} kr "
                                  f"bestrids"),
                         detail={**summary, "file": table.file_name})
    return result
