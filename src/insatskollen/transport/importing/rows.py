"""The columns of the carrier-invoice file (docs/transport-invoices.md) and its rows checked into typed rows, every
error as (row, column, value, message). Pure."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.identity import InvalidIdentity, parse_personal_number
from insatskollen.core.importing import (
    REQUIRED,
    Column,
    ColumnMapping,
    Parsers,
    RowError,
    cell_display,
    parse_cells,
)
from insatskollen.core.numbers import InvalidValue, parse_date, parse_decimal, to_ore

MAX_AMOUNT = Decimal("1e9")
MAX_TRIPS = 100

INVOICE_COLUMNS: tuple[Column, ...] = (
    Column("Fakturanummer", "number", True),
    Column("Transportör", "carrier", True),
    Column("Fakturadatum", "invoice_date", True),
    Column("Personnummer", "personal_number", True),
    Column("Resdatum", "trip_date", True),
    Column("Antal resor", "trips", True),
    Column("Belopp", "amount", True),
    Column("Avtal", "contract"),
)


@dataclass(frozen=True)
class InvoiceRow:
    row: int
    number: str
    carrier: str
    invoice_date: dt.date
    personal_number: str
    trip_date: dt.date
    trips: int
    amount: Decimal
    contract: str


def _text(limit: int, what: str):
    def parse(raw: object) -> str:
        text = cell_display(raw)
        if len(text) > limit:
            raise InvalidValue(f"{what} får vara högst {limit} tecken.")
        return text
    return parse


def _number(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return _text(64, "Fakturanumret")(raw)


def _personal_number(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = str(int(raw))
    try:
        return parse_personal_number(cell_display(raw)).digits
    except InvalidIdentity as error:
        raise InvalidValue(str(error)) from None


def _trips(raw: object) -> int:
    value = parse_decimal(raw)
    if value != value.to_integral_value() or not 1 <= value <= MAX_TRIPS:
        raise InvalidValue(f"Antal resor ska vara ett heltal mellan 1 och {MAX_TRIPS}.")
    return int(value)


def _amount(raw: object) -> Decimal:
    value = to_ore(parse_decimal(raw))
    if abs(value) >= MAX_AMOUNT:
        raise InvalidValue("Beloppet är orimligt stort.")
    if value < 0:
        raise InvalidValue("Beloppet får inte vara negativt; en kreditering är en egen kreditfaktura.")
    return value


PARSERS: Parsers = {
    "number": (_number, REQUIRED),
    "carrier": (_text(200, "Transportörens namn"), REQUIRED),
    "invoice_date": (parse_date, REQUIRED),
    "personal_number": (_personal_number, REQUIRED),
    "trip_date": (parse_date, REQUIRED),
    "trips": (_trips, REQUIRED),
    "amount": (_amount, REQUIRED),
    "contract": (_text(100, "Avtalsreferensen"), ""),
}


def parse_invoice_rows(rows: list[list[object]], mapping: ColumnMapping, *, progress=None, first_row: int = 2
                       ) -> tuple[list[InvoiceRow], list[RowError]]:
    """Every row typed; an invoice (carrier and number) must have one invoice date, and no trip after it."""
    parsed, errors = parse_cells(rows, mapping, PARSERS, INVOICE_COLUMNS, progress=progress, first_row=first_row)
    out = [InvoiceRow(row=number, **values) for number, values in parsed]
    first_date: dict[tuple[str, str], tuple[dt.date, int]] = {}
    date_column = mapping.headers.get("invoice_date", "Fakturadatum")
    trip_column = mapping.headers.get("trip_date", "Resdatum")
    for r in out:
        key = (r.carrier.casefold(), r.number)
        date, where = first_date.setdefault(key, (r.invoice_date, r.row))
        if date != r.invoice_date:
            errors.append(RowError(r.row, date_column, r.invoice_date.isoformat(),
                                   f"Faktura {r.number} har fakturadatum {date.isoformat()} på rad {where}; "
                                   f"en faktura har ett fakturadatum."))
        if r.trip_date > r.invoice_date:
            errors.append(RowError(r.row, trip_column, r.trip_date.isoformat(),
                                   f"Resdagen ligger efter fakturadatum {r.invoice_date.isoformat()}."))
    return out, errors


def invoices_of(rows: list[InvoiceRow]) -> dict[tuple[str, str], list[InvoiceRow]]:
    """The rows per invoice (carrier name as first written, number), in file order."""
    names: dict[str, str] = {}
    grouped: dict[tuple[str, str], list[InvoiceRow]] = defaultdict(list)
    for r in rows:
        name = names.setdefault(r.carrier.casefold(), r.carrier)
        grouped[(name, r.number)].append(r)
    return dict(grouped)
