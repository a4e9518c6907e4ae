"""Small ledger and budget files written for a test."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
LEDGER_2007 = FIXTURES / "ledger_2007.csv"
LEDGER_HEADER = "Period;Konto;Verksamhet;Belopp;Motpart;Text;Verifikation"
BUDGET_HEADER = "År;Verksamhet;Månad;Belopp"


def write_file(tmp_path: Path, *rows: str, header: str = LEDGER_HEADER, name: str = "huvudbok.csv",
               encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


def write_xlsx(tmp_path: Path, header: list, rows: list[list], name: str = "huvudbok.xlsx") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path
