"""Reading numbers, dates and months the way Swedish files write them; formatting them for people. Pure."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_MONTH = re.compile(r"^(\d{4})-?(\d{2})$")
_DATE = re.compile(r"^(\d{4})([-/.]?)(\d{2})\2(\d{2})$")  # 2025-06-30, 2025/06/30, 2025.06.30, 20250630
NBSP = "\u00a0"


class Ambiguous(str):
    """A cell whose number can be read two ways ("3,250" in a comma-separated file, "1.234": a decimal separator or
    a thousands separator): the table reader marks it (core.tabular), and `parse_decimal` refuses it with the
    reason."""


class Percent(float):
    """A spreadsheet cell formatted as a percentage: the value is the fraction (0.25 shown as "25 %"). The table
    reader marks it (core.tabular); `parse_percent` reads it as 25, and `parse_decimal` refuses it, since a
    percentage where an amount is expected is a mistake to show, not to guess."""


EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's phantom 1900-02-29 before March 1900)
SERIAL_RANGE = (10_000, 110_000)  # 1927-05-18 .. 2201-02-28: a bare number in a date column read as a serial
_CURRENCY = re.compile(r"\s*(kr\.?|sek|:-)\s*$", re.IGNORECASE)


class InvalidValue(ValueError):
    """A value that cannot be read; the message is plain Swedish."""


def parse_decimal(raw: object) -> Decimal:
    """Read `17 919 990`, `1 234,50`, `1234.5`, `-2` or a float from a spreadsheet into a Decimal."""
    if isinstance(raw, bool):
        raise InvalidValue("Värdet ska vara ett tal.")
    if isinstance(raw, Percent):
        raise InvalidValue(f"Cellen är formaterad som procent ({float(raw) * 100:g} %), men kolumnen ska ha ett tal "
                           f"utan procent. Ta bort procentformatet i cellen.")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise InvalidValue("Värdet ska vara ett tal.")
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, Ambiguous):  # core.tabular
        raise InvalidValue(_ambiguity(str(raw).strip()))
    text = _CURRENCY.sub("", _SPACES.sub(" ", str(raw or "")).strip())
    text = _SPACES.sub("", text).replace("\u2212", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    elif "," in text and "." in text and text.rfind(",") > text.rfind("."):
        # 1.234,50: dots as thousands separators, comma as decimal separator.
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        raise InvalidValue("Värdet ska vara ett tal, t.ex. 1 234,50.")
    if not _NUMBER.match(text):
        raise InvalidValue("Värdet ska vara ett tal, t.ex. 1 234,50.")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidValue("Värdet ska vara ett tal, t.ex. 1 234,50.") from None


def _ambiguity(text: str) -> str:
    if "," in text:
        return (f"Talet {text} kan betyda både {text} med decimalkomma och {text.replace(',', ' ')} med "
                f"tusentalsavgränsare, eftersom filen använder komma mellan kolumnerna. Spara filen med "
                f"semikolon som avgränsare, eller skriv talet utan tusentalsavgränsare.")
    return (f"Talet {text} kan betyda både {text.replace('.', ',')} (punkt som decimaltecken) och "
            f"{text.replace('.', ' ')} (punkt mellan tusental). Skriv talet utan tusentalsavgränsare och med "
            f"decimalkomma, t.ex. {text.replace('.', '')} eller {text.replace('.', ',')}.")


def parse_percent(raw: object) -> Decimal:
    """A share in percent: 25, "25", "25 %", or a cell formatted as a percentage (0.25 shown as 25 %) → 25.

    A bare number between 0 and 1 is refused: it is a percentage cell whose format the file does not keep
    (.xls, .ods, text), or a share written as a fraction — 0,25 can mean 0,25 % or 25 %, and only the user knows."""
    if isinstance(raw, Percent):
        return Decimal(repr(float(raw))) * 100
    written_as_percent = isinstance(raw, str) and raw.strip().endswith("%")
    value = parse_decimal(raw.strip()[:-1] if written_as_percent else raw)
    if not written_as_percent and 0 < value < 1:
        shown = format(value.normalize(), "f").replace(".", ",")
        percent = format((value * 100).normalize(), "f").replace(".", ",")
        raise InvalidValue(f"{shown} kan betyda både {shown} % och {percent} %. Skriv andelen i procent, "
                           f"t.ex. {percent} för {percent} %.")
    return value


def _serial_date(number: float) -> dt.date:
    if not float(number).is_integer() or not SERIAL_RANGE[0] <= number < SERIAL_RANGE[1]:
        raise InvalidValue("Datumet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-06-30 (eller vara ett datum i kalkylbladet).")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def parse_date(raw: object) -> dt.date:
    """Read a date written YYYY-MM-DD, a real spreadsheet date, or a spreadsheet's date serial (45658 is
    2025-01-01: what a date cell formatted as a number, or saved as text, holds)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _serial_date(raw)
    text = str(raw or "").strip()
    if text.isdigit() and len(text) == 5:
        return _serial_date(int(text))
    if " " in text or "T" in text:  # "2025-01-01 00:00:00" from a spreadsheet cell formatted as text
        text = re.split(r"[ T]", text, maxsplit=1)[0]
    match = _DATE.match(text)
    if not match:
        raise InvalidValue("Datumet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-06-30.")
    try:
        return dt.date(int(match[1]), int(match[3]), int(match[4]))
    except ValueError:
        raise InvalidValue("Datumet finns inte i kalendern.") from None


def parse_month(raw: object) -> dt.date:
    """Read a period written YYYY-MM or YYYYMM (or a spreadsheet date) as the first day of the month."""
    if isinstance(raw, dt.date):
        return dt.date(raw.year, raw.month, 1)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        raw = str(int(raw))
    text = str(raw or "").strip()
    match = _MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise InvalidValue("Perioden ska skrivas ÅÅÅÅ-MM eller ÅÅÅÅMM, t.ex. 2025-06.")
    return dt.date(int(match[1]), int(match[2]), 1)


def to_ore(value: Decimal | float) -> Decimal:
    """Round to whole öre, half up, as money is kept."""
    return Decimal(str(value)).quantize(ORE, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | float | None, decimals: int = 0) -> str:
    """1234567.8 → '1 234 568' with non-breaking spaces, decimal comma: the Swedish way."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)
    sign = "−" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if decimals else f"{sign}{text}"


def format_sek(value: Decimal | float | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{NBSP}kr"


# Dates ("2027-01-18", "2027-01"), personnummer ("19870312-****"), decision and contract ids ("BES-001974-SOL")
# and amounts ("12 345 kr"): values a line break must never split (the templates' `nowrap_values` filters).
UNBREAKABLE = re.compile(
    r"\d{8}-[\d*]{4}|\d{6}-[\d*]{4}|\d{4}-\d{2}(?:-\d{2})?|\b[A-ZÅÄÖ]{2,5}(?:-[A-Z0-9]+)+\b"
    r"|[−+-]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?(?:[ \u00a0](?:kr|%))?"
)


def format_percent(value: Decimal | float | None, decimals: int = 1) -> str:
    """A percentage (already × 100) with at most `decimals` decimals and none when it rounds to a whole number:
    10.48 → '10,5 %', 84.0 → '84 %', 29.96 → '30 %'."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}{NBSP}%"
