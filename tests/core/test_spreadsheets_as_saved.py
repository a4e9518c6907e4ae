"""Spreadsheets as people save them: never a silent wrong figure. A number whose separators read two ways is a row
error that says why; a column name written twice refuses the file; the sheet named like the register is read,
not last year's first sheet, and the summary says which sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from insatskollen.core.numbers import Ambiguous, InvalidValue, parse_decimal
from insatskollen.core.tabular import read_table
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision

from ..register.helpers import HEADER

ROW = ("B-1;198703121239;anna;6510;Gruppbostad;LSS;1;dygn;{price};Solgläntan AB;privat;2025-01-01;2025-01-01;;;;;")


def csv_comma(tmp_path: Path, price: str) -> Path:
    header = HEADER.replace(";", ",")
    row = ROW.format(price=price).split(";")
    line = ",".join(f'"{c}"' if "," in c else c for c in row)
    path = tmp_path / "register_en.csv"
    path.write_text(header + "\n" + line + "\n", encoding="utf-8")
    return path


def test_3_250_in_a_comma_separated_file_is_refused_with_the_reason(tmp_path, db):
    result = register_import(csv_comma(tmp_path, "3,250"), actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = [e for e in result.errors if e.column == "Pris"]
    assert error.row == 2 and error.value == "3,250"
    assert "3,250 med decimalkomma och 3 250 med tusentalsavgränsare" in error.message


def test_a_plain_price_in_a_comma_separated_file_is_read(tmp_path, db):
    result = register_import(csv_comma(tmp_path, "3250"), actor=None)
    assert result.status == "imported", result.errors
    assert Decision.objects.get().price == 3250


def test_the_number_parser_refuses_only_what_is_ambiguous():
    table = read_table(Path(__file__).parent.parent / "fixtures" / "register_small.csv")  # ; separated
    assert table.delimiter == ";"
    assert parse_decimal("3,25") == parse_decimal("3.25")  # a decimal comma in a ;-file is plain
    with pytest.raises(InvalidValue):
        parse_decimal(Ambiguous("1,234,567"))


def workbook(tmp_path: Path, sheets: list[tuple[str, list[list]]], name: str = "register.xlsx") -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def register_rows(price: int) -> list[list]:
    header = HEADER.split(";")
    row = ROW.format(price=price).split(";")
    row[11] = row[12] = dt.date(2025, 1, 1)
    return [header, [None if c == "" else c for c in row]]


def test_the_sheet_named_register_is_read_not_last_years_first_sheet(tmp_path, db):
    path = workbook(tmp_path, [("Register 2024", register_rows(9999)), ("Register", register_rows(3250))])
    table = read_table(path)
    assert table.notes[0].startswith("Bladet ”Register” lästes") and "Register 2024" in table.notes[0]
    result = register_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert Decision.objects.get().price == 3250


def test_without_a_register_sheet_the_first_sheet_with_data_is_read(tmp_path):
    path = workbook(tmp_path, [("Tomt", []), ("Blad2", register_rows(3250))])
    assert read_table(path).notes[0].startswith("Bladet ”Blad2” lästes")


def test_a_price_column_written_twice_refuses_the_file(tmp_path, db):
    header, row = register_rows(3250)
    header = header[:8] + ["Pris"] + header[8:]  # an old, hidden Pris to the left of the real one
    row = row[:8] + [1000] + row[8:]
    result = register_import(workbook(tmp_path, [("Register", [header, row])]), actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = result.errors
    assert error.row == 1 and error.column == "Pris"
    assert "finns flera gånger i rubrikraden (kolumn I och J)" in error.message


def text_file(tmp_path: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_1_234_with_a_point_is_refused_with_the_reason(tmp_path, db):
    path = text_file(tmp_path, "punkt.csv", [HEADER, ROW.format(price="3.250")])
    result = register_import(path, actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (2, "Pris", "3.250")
    assert "kan betyda både 3,250 (punkt som decimaltecken) och 3 250 (punkt mellan tusental)" in error.message


def test_a_point_with_other_than_three_decimals_is_a_plain_decimal(tmp_path, db):
    path = text_file(tmp_path, "punkt.csv", [HEADER, ROW.format(price="3250.50")])
    assert register_import(path, actor=None).status == "imported"
    assert Decision.objects.get().price == Decimal("3250.50")


def test_a_percentage_cell_outside_a_percentage_column_is_refused(tmp_path, db):
    header, row = register_rows(3250)
    path = workbook(tmp_path, [("Register", [header, row])])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["I2"].value = 0.5
    book.active["I2"].number_format = "0%"
    book.save(path)
    result = register_import(path, actor=None)
    assert result.status == "refused"
    (error,) = result.errors
    assert error.column == "Pris" and "formaterad som procent (50 %)" in error.message


def test_a_column_with_values_but_no_header_is_reported(tmp_path, db):
    header, row = register_rows(3250)
    path = workbook(tmp_path, [("Register", [header + [None], row + ["extra"]])])
    result = register_import(path, actor=None, dry_run=True)
    assert result.status == "dry-run"
    assert any(note.startswith("Kolumn S har värden (rad 2–2) men ingen rubrik och lästes inte.")
               for note in result.notes)


def test_dates_as_excel_serials_in_a_text_file_are_read(tmp_path, db):
    serial = (dt.date(2025, 1, 1) - dt.date(1899, 12, 30)).days  # 45658
    row = ROW.format(price="3250").replace("2025-01-01;2025-01-01", f"{serial};{serial}")
    assert register_import(text_file(tmp_path, "serie.csv", [HEADER, row]), actor=None).status == "imported"
    assert Decision.objects.get().start_date == dt.date(2025, 1, 1)


def test_a_number_that_is_no_plausible_date_serial_is_refused(tmp_path, db):
    row = ROW.format(price="3250").replace("2025-01-01;2025-01-01", "2025;2025")
    result = register_import(text_file(tmp_path, "ar.csv", [HEADER, row]), actor=None)
    assert result.status == "refused" and {e.column for e in result.errors} == {"Beslutsdatum", "Startdatum"}


def test_unicode_text_and_tab_separated_files_are_read(tmp_path, db):
    lines = [HEADER.replace(";", "\t"), ROW.format(price="3 250,50 kr").replace(";", "\t")]
    path = tmp_path / "unicode.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))  # with its byte-order mark, as Excel writes it
    result = register_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert Decision.objects.get().price == Decimal("3250.50")


def test_the_ledger_reads_a_title_row_skips_its_total_row_and_amounts_in_kr(tmp_path, db):
    from insatskollen.ledger.importing.ledger_file import ledger_import
    from insatskollen.ledger.models import LedgerEntry

    original = (Path(__file__).parent.parent / "fixtures" / "ledger_2007.csv").read_text(encoding="utf-8-sig")
    header, *rows = original.strip().splitlines()
    amounts = [int(r.split(";")[3]) for r in rows]
    with_kr = [";".join(c if i != 3 else f"{int(c):,} kr".replace(",", " ") for i, c in enumerate(r.split(";")))
               for r in rows]
    path = text_file(tmp_path, "huvudbok.csv", ["Huvudbok 2007;;;;", ";;;;", header, *with_kr,
                                                 f"Summa;;;{sum(amounts)};"])
    result = ledger_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert result.header_row == 3 and [s["row"] for s in result.skipped_rows] == [3 + len(rows) + 1]
    assert sorted(LedgerEntry.objects.values_list("amount", flat=True)) == sorted(amounts)


def test_a_row_of_only_amounts_below_the_data_is_skipped_as_a_total_and_listed(tmp_path, db):
    header, row = register_rows(3250)
    total = [None] * len(header)
    total[8] = 3250  # =SUMMA(I2:I2) under Pris, with no label
    result = register_import(workbook(tmp_path, [("Register", [header, row, total])]), actor=None)
    assert result.status == "imported", result.errors
    assert [s["row"] for s in result.skipped_rows] == [3] and "summarad" in result.skipped_rows[0]["reason"]
    assert Decision.objects.count() == 1


def test_a_ledger_row_of_numbers_with_its_required_columns_is_a_booking_not_a_total(tmp_path, db):
    from insatskollen.ledger.importing.ledger_file import ledger_import

    path = workbook(tmp_path, [("Huvudbok", [["Period", "Konto", "Verksamhet", "Belopp"],
                                              [202501, 4600, 6510, 1000], [202502, 4600, 6510, 2000]])])
    result = ledger_import(path, actor=None)
    assert result.status == "imported" and result.skipped_rows == [] and result.rows == 2
