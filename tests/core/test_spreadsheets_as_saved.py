"""Spreadsheets as people save them: never a silent wrong figure. A number whose separators read two ways is a row
error that says why; a column name written twice refuses the file; the sheet named like the register is read,
not last year's first sheet, and the summary says which sheet."""

from __future__ import annotations

import datetime as dt
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
