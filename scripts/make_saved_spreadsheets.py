"""Build tests/fixtures/saved/: the sample register as office programs save it (issue "Spreadsheets as people
really save them"). Run by hand when the variants change; the files are committed, so tests need no office program.

    apt-get install -y libreoffice-calc-nogui
    uv run --frozen python scripts/make_saved_spreadsheets.py

Each variant starts from tests/fixtures/register_small.xlsx (whose figures are in expected.json). openpyxl writes
the layouts people make by hand (a title row, a total row, percentage cells, date serials, "kr" amounts, a merged
header, a hidden old column); LibreOffice (soffice, headless) then saves them as the office program would:
.xls, .ods, CSV with a chosen separator, encoding and locale, "Unicode text" (UTF-16, tab-separated).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "fixtures" / "register_small.xlsx"
TARGET = ROOT / "tests" / "fixtures" / "saved"
EXCEL_EPOCH = dt.date(1899, 12, 30)


def sample() -> tuple[list[str], list[list]]:
    sheet = load_workbook(SOURCE).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def save(rows: list[list], path: Path, *, formats: dict[str, str] | None = None, title: str = "Register",
         before: list[list] | None = None, after: list[list] | None = None) -> Path:
    """A workbook with `before` rows above the header, `after` rows below the data; `formats` maps a header
    to a number format for its data cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in before or []:
        sheet.append(row)
    first = sheet.max_row + 1 if before else 1
    for row in rows:
        sheet.append(row)
    for header, number_format in (formats or {}).items():
        column = rows[0].index(header) + 1
        for r in range(first + 1, first + len(rows)):
            sheet.cell(r, column).number_format = number_format
    for row in after or []:
        sheet.append(row)
    book.save(path)
    return path


def soffice(source: Path, target: Path, convert_to: str, *, language: str = "sv-SE") -> None:
    """Save `source` as LibreOffice would, with the user interface and locale of `language`."""
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        registry = Path(profile) / "user"
        registry.mkdir()
        (registry / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
            f'<value>{language}</value></prop></item></oor:items>', encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        convert_to, "--outdir", out, str(source)], check=True, capture_output=True, timeout=120)
        (produced,) = Path(out).iterdir()
        shutil.move(produced, target)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    header, data = sample()
    work = Path(tempfile.mkdtemp())
    plain = save([header, *data], work / "plain.xlsx")

    # Formats the office program writes.
    soffice(SOURCE, TARGET / "lo_register.xls", "xls:MS Excel 97")
    soffice(SOURCE, TARGET / "lo_register.ods", "ods")
    soffice(plain, TARGET / "lo_unicode_text.txt", 'txt:Text - txt - csv (StarCalc):9,34,65535,1,,1053')
    soffice(plain, TARGET / "lo_tab_utf8.tsv", 'csv:Text - txt - csv (StarCalc):9,34,76,1,,1053')
    soffice(plain, TARGET / "lo_semicolon_cp1252_sv.csv", 'csv:Text - txt - csv (StarCalc):59,34,1,1,,1053')

    # An English-locale program, comma-separated, prices shown with thousands separators: "3,250" is ambiguous.
    grouped = save([header, *data], work / "grouped.xlsx", formats={"Pris": "#,##0"})
    soffice(grouped, TARGET / "lo_en_comma_thousands.csv", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033',
            language="en-US")

    # The IFO share as a percentage cell (0.25 shown as 25 %), saved by LibreOffice as .xlsx.
    share = header.index("IFO-andel %")
    percent_rows = [[*r[:share], (r[share] / 100 if r[share] is not None else None), *r[share + 1:]] for r in data]
    percent = save([header, *percent_rows], work / "percent.xlsx", formats={"IFO-andel %": "0%"})
    soffice(percent, TARGET / "lo_percent_share.xlsx", "xlsx:Calc MS Excel 2007 XML")
    soffice(percent, TARGET / "lo_percent_share.ods", "ods")
    soffice(percent, TARGET / "lo_percent_share.xls", "xls:MS Excel 97")  # .xls keeps no format we can read

    # A title row above the header and a total row below the data, saved by LibreOffice as .xlsx.
    price = header.index("Pris")
    total = [None] * len(header)
    total[0] = "Summa"
    total[price] = sum(r[price] for r in data)
    titled = save([header, *data], work / "titled.xlsx",
                  before=[["Vårdkostnadsfil 2025, Beställarenheten"], ["Uppdaterad 2025-12-31"], []],
                  after=[[], total])
    soffice(titled, TARGET / "lo_title_and_total.xlsx", "xlsx:Calc MS Excel 2007 XML")

    # Dates as Excel serial numbers (a date column formatted as a number), and amounts written with "kr".
    date_columns = [header.index(h) for h in ("Beslutsdatum", "Startdatum", "Slutdatum")]

    def serials(row: list) -> list:
        row = list(row)
        for c in date_columns:
            if isinstance(row[c], dt.datetime):
                row[c] = (row[c].date() - EXCEL_EPOCH).days
        row[price] = f"{row[price]:,.2f} kr".replace(",", " ").replace(".", ",")
        return row

    serial = save([header, *map(serials, data)], work / "serials.xlsx")
    soffice(serial, TARGET / "lo_serial_dates_kr.xlsx", "xlsx:Calc MS Excel 2007 XML")

    # A header cell merged across Utförare and Utförartyp.
    merged = save([header, *data], TARGET / "merged_header.xlsx")
    book = load_workbook(merged)
    provider = header.index("Utförare") + 1
    book.active.cell(1, provider + 1).value = None
    book.active.merge_cells(start_row=1, start_column=provider, end_row=1, end_column=provider + 1)
    book.save(merged)

    # A hidden old Pris column to the left of the real one.
    old = [[*r[:price], r[price], *r[price:]] for r in [header, *data]]
    for r in old[1:]:
        r[price] = 9999
    hidden = save(old, TARGET / "hidden_old_price.xlsx")
    book = load_workbook(hidden)
    book.active.column_dimensions[get_column_letter(price + 1)].hidden = True
    book.save(hidden)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
