"""The exchange file between districts, version 1 (docs/benchmark-exchange.md): its columns, writing it as CSV or
xlsx (safe from formula injection), and reading it back into typed rows with every fault named. Pure."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter

from insatskollen.benchmarking.figures import SUPPRESS_BELOW, MonthFigures
from insatskollen.core.importing import REQUIRED, Column, ColumnMapping, Parsers, RowError, parse_cells
from insatskollen.core.numbers import InvalidValue, parse_decimal, parse_month
from insatskollen.core.tabular import cell_text
from insatskollen.register.exporting import neutralise_formula

FORMAT_VERSION = "1"
SUPPRESSED_COUNT = "<5"  # a count of 1–4 persons
WITHHELD = ".."  # a figure withheld because it would reveal a suppressed count (SCB's sign)

COLUMNS: tuple[Column, ...] = (
    Column("Formatversion", "version", True),
    Column("Stadsdel", "district", True),
    Column("Månad", "month", True),
    Column("Insatskod", "code", True),
    Column("Insats", "name"),
    Column("Personer", "persons", True),
    Column("Insatsdygn", "days", True),
    Column("Kostnad", "cost", True),
    Column("Kostnad per person", "cost_per_person"),
    Column("Kostnad per dygn", "cost_per_day"),
    Column("Schablon", "schablon"),
    Column("Tilldelning", "allocation"),
    Column("Andel privata utförare %", "private_share_pct"),
    Column("Budget", "budget"),
    Column("Överföringar", "transfers"),
    Column("Budget inkl. överföringar", "budget_total"),
    Column("Överföringar, anledning", "transfer_reasons"),
)
HEADERS = [c.header for c in COLUMNS]


def _money(value: Decimal | None, suppressed: bool) -> str:
    if value is None:
        return WITHHELD if suppressed else ""
    return f"{value:.2f}"


def row_values(district: str, f: MonthFigures) -> list[str]:
    """One row of the file as text, in the order of COLUMNS (decimal point, no thousands separator)."""
    s = f.suppressed
    return [
        FORMAT_VERSION, district, f.month, f.code, f.name,
        SUPPRESSED_COUNT if s else str(f.persons), WITHHELD if s else str(f.days), _money(f.cost, s),
        _money(f.cost_per_person, s), _money(f.cost_per_day, s), _money(f.schablon, s), _money(f.allocation, s),
        (WITHHELD if s else "") if f.private_share_pct is None else f"{f.private_share_pct:.1f}",
        _money(f.budget, s), _money(f.transfers, s), _money(f.budget_total, s),
        "; ".join(f.transfer_reasons),
    ]


def render_csv(district: str, figures: list[MonthFigures]) -> bytes:
    """UTF-8 with BOM (Excel opens it right), `;`-separated; text cells neutralised against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for f in figures:
        writer.writerow([neutralise_formula(v) for v in row_values(district, f)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_xlsx(district: str, figures: list[MonthFigures]) -> bytes:
    """The same table as one sheet; every cell written as text or number, never a formula."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet("Nyckeltal")
    bold = workbook.add_format({"bold": True})
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, header, bold)
    numeric = {c.header for c in COLUMNS[5:15]}
    for row_index, f in enumerate(figures, start=1):
        for column, (header, value) in enumerate(zip(HEADERS, row_values(district, f))):
            if header in numeric and value not in ("", WITHHELD, SUPPRESSED_COUNT):
                sheet.write_number(row_index, column, float(value))
            else:
                sheet.write_string(row_index, column, neutralise_formula(value))
    sheet.set_column(0, len(HEADERS) - 1, 16)
    workbook.close()
    return buffer.getvalue()


# Reading ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExchangeRow:
    row: int
    district: str
    month: str
    code: str
    name: str
    persons: int | None  # None: suppressed
    days: int | None
    cost: Decimal | None
    schablon: Decimal | None
    allocation: Decimal | None
    private_share_pct: Decimal | None
    budget: Decimal | None
    transfers: Decimal | None
    transfer_reasons: str


def _text(raw: object) -> str:
    text = cell_text(raw).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        text = text[1:]  # our own neutralisation of a formula-like text
    return text


def _version(raw: object) -> str:
    text = cell_text(raw).strip()
    text = text.removesuffix(".0")
    if text != FORMAT_VERSION:
        raise InvalidValue(f"Filen har formatversion {text}; Insatskollen läser version {FORMAT_VERSION} av "
                           f"utbytesformatet. Be stadsdelen exportera filen på nytt med version {FORMAT_VERSION}.")
    return text


def _month(raw: object) -> str:
    return parse_month(raw).strftime("%Y-%m")


def _count(raw: object) -> int | None:
    text = cell_text(raw).strip()
    if text in (SUPPRESSED_COUNT, WITHHELD):
        return None
    value = parse_decimal(raw)
    if value < 0:
        raise InvalidValue("Ett antal kan inte vara negativt.")
    if value != value.to_integral_value():
        raise InvalidValue("Ett antal ska vara ett heltal.")
    return int(value)


def _amount(raw: object) -> Decimal | None:
    if cell_text(raw).strip() == WITHHELD:
        return None
    return parse_decimal(raw).quantize(Decimal("0.01"))


def _code(raw: object) -> str:
    text = cell_text(raw).strip().upper()
    if not text or len(text) > 20:
        raise InvalidValue("Insatskod ska vara en kod på högst 20 tecken, t.ex. 6510.")
    return text


PARSERS: Parsers = {
    "version": (_version, REQUIRED), "district": (_text, REQUIRED), "month": (_month, REQUIRED),
    "code": (_code, REQUIRED), "name": (_text, ""), "persons": (_count, REQUIRED), "days": (_count, REQUIRED),
    "cost": (_amount, REQUIRED), "schablon": (_amount, None), "allocation": (_amount, None),
    "private_share_pct": (_amount, None), "budget": (_amount, None), "transfers": (_amount, None),
    "transfer_reasons": (_text, ""),
}


@dataclass
class Parsed:
    rows: list[ExchangeRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    district: str = ""


def parse_rows(rows: list[list[object]], mapping: ColumnMapping, *, known_codes: set[str], first_row: int = 2
               ) -> Parsed:
    """Every row checked: the version, a known code, counts not negative and small counts suppressed, one
    district per file, each month and code once."""
    values, errors = parse_cells(rows, mapping, PARSERS, COLUMNS, first_row=first_row)
    result = Parsed(errors=errors)
    seen: dict[tuple[str, str], int] = {}
    header = mapping.headers.get
    for number, v in values:
        code_column = header("code", "Insatskod")
        if v["code"] not in known_codes:
            result.errors.append(RowError(number, code_column, v["code"],
                                          f"Okänd insatskod {v['code']}: den finns inte bland insatstyperna här. "
                                          f"Lägg till insatstypen eller ta bort raden."))
            continue
        for name in ("persons", "days"):
            if name == "persons" and v[name] is not None and 0 < v[name] < SUPPRESS_BELOW:
                result.errors.append(RowError(number, header(name, "Personer"), str(v[name]),
                                              f"Antal under {SUPPRESS_BELOW} ska vara undertryckta ({SUPPRESSED_COUNT}) "
                                              f"i utbytesfilen. Filen kan röja enskilda personer och läses inte."))
        if result.district and v["district"] != result.district:
            result.errors.append(RowError(number, header("district", "Stadsdel"), v["district"],
                                          f"En fil ska gälla en stadsdel; rad {first_row} gäller {result.district}."))
            continue
        result.district = result.district or v["district"]
        key = (v["month"], v["code"])
        if key in seen:
            result.errors.append(RowError(number, code_column, v["code"],
                                          f"{v['code']} {v['month']} finns redan på rad {seen[key]}."))
            continue
        seen[key] = number
        result.rows.append(ExchangeRow(
            row=number, district=v["district"], month=v["month"], code=v["code"], name=v["name"],
            persons=v["persons"], days=v["days"], cost=v["cost"], schablon=v["schablon"],
            allocation=v["allocation"], private_share_pct=v["private_share_pct"], budget=v["budget"],
            transfers=v["transfers"], transfer_reasons=v["transfer_reasons"]))
    return result
