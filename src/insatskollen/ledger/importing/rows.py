"""The columns of the ledger file (formats.md §2) and the budget file (§3), and their rows checked into typed rows,
with every error as (row, column, value, message). Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.importing import (
    FIRST_YEAR,
    LAST_YEAR,
    REQUIRED,
    Column,
    ColumnMapping,
    Parsers,
    RowError,
    cell_display,
    code_parser,
    parse_cells,
    parse_year,
)
from insatskollen.core.numbers import InvalidValue, parse_decimal, parse_month, to_ore
from insatskollen.core.tabular import cell_text

MAX_AMOUNT = Decimal("1e13")

LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("Period", "period", True),
    Column("Konto", "account", True),
    Column("Verksamhet", "activity"),
    Column("Belopp", "amount", True),
    Column("Motpart", "counterpart"),
    Column("Text", "text"),
    Column("Verifikation", "voucher"),
)
BUDGET_COLUMNS: tuple[Column, ...] = (
    Column("År", "year", True),
    Column("Verksamhet", "activity"),
    Column("Månad", "month"),
    Column("Belopp", "amount", True),
)
_ACCOUNT = re.compile(r"^\d{1,10}$")


@dataclass(frozen=True)
class LedgerRow:
    row: int
    period: dt.date
    account: str
    activity: str
    amount: Decimal
    counterpart: str
    text: str
    voucher: str

    @property
    def content(self) -> tuple:
        """What a booking is, apart from where it sits in a file: two deliveries compare on this."""
        return (self.account, self.activity, self.amount, self.counterpart, self.text, self.voucher)


@dataclass(frozen=True)
class BudgetRow:
    row: int
    year: int
    activity: str
    month: int | None  # None: the year's amount, spread evenly over the months
    amount: Decimal


def _period(raw: object) -> dt.date:
    period = parse_month(raw)
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        raise InvalidValue(f"Perioden ska ligga mellan {FIRST_YEAR} och {LAST_YEAR}.")
    return period


def _account(raw: object) -> str:
    text = cell_text(raw)
    if not _ACCOUNT.match(text):
        raise InvalidValue("Kontot ska vara ett kontonummer med bara siffror, t.ex. 4600.")
    return text


activity_code = code_parser("Verksamhet", "6510 eller LASS")  # as the ledger and budget write it (upper case)


def _amount(raw: object) -> Decimal:
    value = to_ore(parse_decimal(raw))
    if abs(value) >= MAX_AMOUNT:
        raise InvalidValue("Beloppet är orimligt stort.")
    return value


def _free_text(limit: int):
    def parse(raw: object) -> str:
        text = cell_display(raw)
        if len(text) > limit:
            raise InvalidValue(f"Texten är för lång: högst {limit} tecken.")
        return text

    return parse



def _month(raw: object) -> int:
    text = cell_text(raw)
    if not re.fullmatch(r"\d{1,2}", text) or not 1 <= int(text) <= 12:
        raise InvalidValue("Månad ska vara ett tal från 1 till 12.")
    return int(text)


LEDGER_PARSERS: Parsers = {
    "period": (_period, REQUIRED),
    "account": (_account, REQUIRED),
    "activity": (activity_code, ""),
    "amount": (_amount, REQUIRED),
    "counterpart": (_free_text(200), ""),
    "text": (_free_text(300), ""),
    "voucher": (_free_text(64), ""),
}
BUDGET_PARSERS: Parsers = {
    "year": (parse_year, REQUIRED),
    "activity": (activity_code, ""),
    "month": (_month, None),
    "amount": (_amount, REQUIRED),
}


def parse_ledger_rows(rows: list[list[object]], mapping: ColumnMapping, *, progress=None, first_row: int = 2
                      ) -> tuple[list[LedgerRow], list[RowError]]:
    parsed, errors = parse_cells(rows, mapping, LEDGER_PARSERS, LEDGER_COLUMNS, progress=progress,
                                  first_row=first_row)
    return [LedgerRow(row=number, **values) for number, values in parsed], errors


def parse_budget_rows(rows: list[list[object]], mapping: ColumnMapping, *, progress=None, first_row: int = 2
                      ) -> tuple[list[BudgetRow], list[RowError]]:
    parsed, errors = parse_cells(rows, mapping, BUDGET_PARSERS, BUDGET_COLUMNS, progress=progress,
                                  first_row=first_row)
    budget_rows = [BudgetRow(row=number, **values) for number, values in parsed]
    return budget_rows, errors + _budget_overlaps(budget_rows, mapping)


def _budget_overlaps(rows: list[BudgetRow], mapping: ColumnMapping) -> list[RowError]:
    """Two rows that budget the same activity and month of a year (a year's row covers all its months)."""
    first_row: dict[tuple[int, str, int], int] = {}
    errors: list[RowError] = []
    for row in rows:
        months = range(1, 13) if row.month is None else (row.month,)
        clash = next((first_row[(row.year, row.activity, m)] for m in months
                      if (row.year, row.activity, m) in first_row), None)
        if clash is not None:
            what = f"verksamhet {row.activity}" if row.activity else "enhetens totala budget"
            column = mapping.headers.get("month" if row.month else "year", "Månad" if row.month else "År")
            errors.append(RowError(row.row, column, str(row.month or row.year),
                                   f"Budget för {what} {row.year} finns redan på rad {clash} "
                                   f"(en rad utan månad gäller hela året)."))
            continue
        for month in months:
            first_row[(row.year, row.activity, month)] = row.row
    return errors
