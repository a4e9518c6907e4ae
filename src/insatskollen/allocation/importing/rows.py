"""The columns of the schablon file (formats.md §5) and the measurement-date file (§6), and their rows checked
into typed rows, every error as (row, column, value, message). Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.allocation.rules import UNIT_FACTORS
from insatskollen.core.importing import (
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
from insatskollen.core.numbers import InvalidValue, parse_date, parse_decimal, to_ore
from insatskollen.core.tabular import cell_text

MAX_AMOUNT = Decimal("1e11")

SCHABLON_COLUMNS: tuple[Column, ...] = (
    Column("År", "year", True),
    Column("Insatskod", "code", True),
    Column("Grupp", "group"),
    Column("Nivå", "level", True),
    Column("Belopp", "amount", True),
    Column("Enhet", "unit", True),
)
DATE_COLUMNS: tuple[Column, ...] = (
    Column("År", "year", True),
    Column("Datum", "date", True),
    Column("Sexmånadersregel", "six_month_rule"),
)
_YES = {"ja", "j", "yes", "sant", "true", "1", "x"}
_NO = {"nej", "n", "no", "falskt", "false", "0"}


@dataclass(frozen=True)
class RateRow:
    row: int
    year: int
    code: str
    group: str
    level: str
    amount: Decimal
    unit: str


@dataclass(frozen=True)
class DateRow:
    row: int
    year: int
    date: dt.date
    six_month_rule: bool



_code = code_parser("Insatskod", "6510")


def _level(raw: object) -> str:
    text = cell_text(raw)
    if len(text) > 20:
        raise InvalidValue("Nivån får vara högst 20 tecken, skriven som i registrets kolumn Nivå (t.ex. 3).")
    return text


def _group(raw: object) -> str:
    text = cell_display(raw)
    if len(text) > 100:
        raise InvalidValue("Gruppens namn får vara högst 100 tecken.")
    return text


def _amount(raw: object) -> Decimal:
    value = to_ore(parse_decimal(raw))
    if value < 0:
        raise InvalidValue("Beloppet får inte vara negativt.")
    if value >= MAX_AMOUNT:
        raise InvalidValue("Beloppet är orimligt stort.")
    return value


def _unit(raw: object) -> str:
    text = "".join(cell_text(raw).lower().split())
    if text not in UNIT_FACTORS:
        raise InvalidValue("Okänd enhet: skriv kr/år, kr/månad eller kr/dygn.")
    return text


def _yes_no(raw: object) -> bool:
    text = cell_text(raw).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidValue("Sexmånadersregel ska vara ja eller nej.")


SCHABLON_PARSERS: Parsers = {
    "year": (parse_year, REQUIRED),
    "code": (_code, REQUIRED),
    "group": (_group, ""),
    "level": (_level, REQUIRED),
    "amount": (_amount, REQUIRED),
    "unit": (_unit, REQUIRED),
}
DATE_PARSERS: Parsers = {
    "year": (parse_year, REQUIRED),
    "date": (parse_date, REQUIRED),
    "six_month_rule": (_yes_no, True),
}


def parse_rate_rows(rows: list[list[object]], mapping: ColumnMapping, *, progress=None, first_row: int = 2
                    ) -> tuple[list[RateRow], list[RowError]]:
    parsed, errors = parse_cells(rows, mapping, SCHABLON_PARSERS, SCHABLON_COLUMNS, progress=progress,
                                 first_row=first_row)
    rate_rows = [RateRow(row=number, **{**values, "group": values["group"] or values["code"]})
                 for number, values in parsed]
    first: dict[tuple[int, str, str], int] = {}
    groups: dict[tuple[int, str], tuple[str, int]] = {}
    for r in rate_rows:
        clash = first.get((r.year, r.code, r.level))
        if clash is not None:
            errors.append(RowError(r.row, mapping.headers.get("level", "Nivå"), r.level,
                                   f"Schablon för {r.code} nivå {r.level} {r.year} finns redan på rad {clash}. "
                                   f"En kod och nivå får bara ha ett belopp per år."))
            continue
        first[(r.year, r.code, r.level)] = r.row
        group, where = groups.setdefault((r.year, r.code), (r.group, r.row))
        if group != r.group:
            errors.append(RowError(r.row, mapping.headers.get("group", "Grupp"), r.group,
                                   f"Insatskod {r.code} hör till gruppen {group!r} på rad {where}; en kod kan bara "
                                   f"höra till en grupp samma år."))
    return rate_rows, errors


def parse_date_rows(rows: list[list[object]], mapping: ColumnMapping, *, progress=None, first_row: int = 2
                    ) -> tuple[list[DateRow], list[RowError]]:
    parsed, errors = parse_cells(rows, mapping, DATE_PARSERS, DATE_COLUMNS, progress=progress,
                                 first_row=first_row)
    date_rows = [DateRow(row=number, **values) for number, values in parsed]
    seen: dict[dt.date, int] = {}
    good = []
    for r in date_rows:
        column = mapping.headers.get("date", "Datum")
        if r.date.year != r.year:
            errors.append(RowError(r.row, column, r.date.isoformat(),
                                   f"Mättillfället {r.date.isoformat()} ligger inte i år {r.year}."))
        elif r.date in seen:
            errors.append(RowError(r.row, column, r.date.isoformat(),
                                   f"Mättillfället {r.date.isoformat()} finns redan på rad {seen[r.date]}."))
        else:
            seen[r.date] = r.row
            good.append(r)
    return good, errors
