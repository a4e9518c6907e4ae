"""Export of the register in the canonical format (formats.md §1), safe from formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from insatskollen.core.identity import PersonalNumber
from insatskollen.register.importing.columns import REGISTER_COLUMNS
from insatskollen.register.models import Decision

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """A cell that a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection)."""
    if text and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _rows(decisions: QuerySet[Decision]) -> Iterable[list[Any]]:
    qs = decisions.select_related("client", "intervention_type", "provider", "caseworker", "contract").order_by(
        "id")
    for d in qs.iterator(chunk_size=2000):
        yield [
            d.external_id or "",
            PersonalNumber(d.client.personal_number).formatted,
            d.caseworker.username,
            d.intervention_type.code,
            d.intervention_type.name,
            d.intervention_type.law,
            d.extent,
            d.unit,
            d.price,
            d.provider.name,
            d.provider.org_number,
            d.provider.kind,
            d.contract.reference if d.contract else "",
            d.contract.valid_to if d.contract and d.contract.valid_to else None,
            d.decision_date,
            d.start_date,
            d.end_date,
            d.last_review_date,
            d.level,
            d.ifo_share_pct if d.ifo_share_pct else None,
            d.revenue_per_unit,
            d.revenue_source,
            d.comment,
            d.terms_from if d.terms_from and d.terms_from != d.start_date else None,  # Gäller från
        ]


def export_xlsx(decisions: QuerySet[Decision], target: Path | io.BytesIO) -> int:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "in_memory": isinstance(target, io.BytesIO)})
    sheet = workbook.add_worksheet("Register")
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for column, spec in enumerate(REGISTER_COLUMNS):
        sheet.write_string(0, column, spec.header, bold)
    count = 0
    for row_index, row in enumerate(_rows(decisions), start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if hasattr(value, "isoformat"):
                sheet.write_datetime(row_index, column, _as_datetime(value), date_format)
            elif isinstance(value, str):
                sheet.write_string(row_index, column, value)  # never a formula, whatever it starts with
            else:
                sheet.write_number(row_index, column, float(value))
        count += 1
    sheet.freeze_panes(1, 0)
    workbook.close()
    return count


def _as_datetime(day):
    import datetime as dt

    return dt.datetime.combine(day, dt.time.min)


def export_csv(decisions: QuerySet[Decision], target: io.TextIOBase) -> int:
    """`;`-separated UTF-8 with BOM, decimal comma: what Swedish Excel opens directly."""
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in REGISTER_COLUMNS])
    count = 0
    for row in _rows(decisions):
        writer.writerow([_csv_cell(v) for v in row])
        count += 1
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_formula(value)
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def export_register(decisions: QuerySet[Decision], path: Path) -> int:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            return export_csv(decisions, handle)
    return export_xlsx(decisions, path)
