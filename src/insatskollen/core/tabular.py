"""Reading a table (header + rows) from .xlsx or .csv safely and fast. Pure: no Django.

- .xlsx: the sheet named like the register ("Register" or "Vårdkostnadsfil", `REGISTER_SHEETS`), else the first
  sheet that is not empty, read with python-calamine (Rust, fast); the table's notes say which sheet was read. Before reading, the zip is checked:
  bounded total uncompressed size and ratio (zip bombs), and no part declares a DOCTYPE (no XML entities).
- .csv: encoding detected (UTF-8 with or without BOM, else Windows-1252); separator `;` or `,` detected
  from the header line. In a comma-separated file a number written "3,250" can be 3,25 or 3 250: such a cell
  comes back as `Ambiguous`, which the number parser refuses with the reason, never guessing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from insatskollen.core.numbers import Ambiguous

MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 500_000
REGISTER_SHEETS = ("register", "vardkostnadsfil")  # normalised sheet names read before the first sheet
_AMBIGUOUS_THOUSANDS = re.compile(r"^\s*[+-]?\d{1,3}(,\d{3})+\s*$")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message is plain Swedish."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[object]]  # data rows; row i is file row i + 2 (header = row 1)
    file_name: str = ""
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


def read_table(path: str | Path, *, file_name: str | None = None, max_bytes: int | None = None) -> Table:
    path = Path(path)
    name = file_name or path.name
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise UnreadableFile(
            f"Filen är för stor ({size / 1_048_576:.1f} MB). Största tillåtna storlek är {max_bytes / 1_048_576:.0f} MB."
        )
    if size == 0:
        raise UnreadableFile("Filen är tom.")
    with path.open("rb") as handle:
        magic = handle.read(4)
    suffix = Path(name).suffix.lower()
    if magic.startswith(b"PK"):
        table = _read_xlsx(path)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        raise UnreadableFile("Filen är inte en giltig Excelfil (.xlsx).")
    else:
        table = _read_csv(path.read_bytes())
    table.file_name = name
    if not table.header or not any(str(h).strip() for h in table.header):
        raise UnreadableFile("Filen saknar rubrikrad (rad 1).")
    if len(table.rows) > MAX_ROWS:
        raise UnreadableFile(f"Filen har fler än {MAX_ROWS} rader.")
    return table


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
                raise UnreadableFile("Excelfilen packas upp till en orimlig storlek och läses inte.")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        head = part.read(2048).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise UnreadableFile("Excelfilen innehåller XML-deklarationer (DOCTYPE) och läses inte.")
    except zipfile.BadZipFile:
        raise UnreadableFile("Filen är inte en giltig Excelfil (.xlsx).") from None


def _read_xlsx(path: Path) -> Table:
    from python_calamine import CalamineWorkbook

    _check_zip(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        named = [n for n in names if normalise_header(n) in REGISTER_SHEETS]
        rows, chosen = [], ""
        for name in named[:1] + [n for n in names if n not in named[:1]]:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if rows and any(not is_blank_row(r) for r in rows):
                chosen = name
                break
    except Exception as exc:  # calamine raises several error types for broken files
        raise UnreadableFile(f"Excelfilen kunde inte läsas: {type(exc).__name__}.") from None
    if not chosen:
        raise UnreadableFile("Excelfilens blad är tomma.")
    header = [cell_text(h) for h in rows[0]]
    notes = [f"Bladet ”{chosen}” lästes" + (f" (filen har {len(names)} blad: {', '.join(names)})." if len(names) > 1
                                            else ".")]
    return Table(header=header, rows=[list(r) for r in rows[1:]], encoding="xlsx", notes=notes)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data[:4096]:
        raise UnreadableFile("Filen är varken en Excelfil (.xlsx) eller en textfil (.csv).")
    text, encoding = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise UnreadableFile(f"CSV-filen kunde inte läsas: {exc}.") from None
    if not rows:
        raise UnreadableFile("Filen är tom.")
    body = rows[1:]
    if delimiter == ",":
        body = [[Ambiguous(c) if _AMBIGUOUS_THOUSANDS.match(c) else c for c in row] for row in body]
    return Table(header=[h.strip() for h in rows[0]], rows=body, encoding=encoding, delimiter=delimiter)


def cell_text(value: object) -> str:
    """A cell as text: integral floats lose their .0 (Excel stores 6510 and personnummer as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time.min else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_blank_row(row: list[object]) -> bool:
    return all(cell_text(c) == "" for c in row)


def normalise_header(name: str) -> str:
    """Case-insensitive, surrounding spaces ignored, å/ä/ö equal to a/a/o."""
    text = " ".join(str(name).strip().lower().split())
    return text.translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"}))
