"""Reading a table (header + rows) from a spreadsheet or a text file, safely and without guessing. Pure: no Django.

- Workbooks (.xlsx, .xls, .ods), read with python-calamine (Rust, fast). The sheet asked for, else the sheet named
  like the register ("Register" or "Vårdkostnadsfil", `REGISTER_SHEETS`), else the first visible sheet that is not
  empty. An .xlsx or .ods zip is checked first: bounded total uncompressed size and ratio (zip bombs), and no part
  declares a DOCTYPE (no XML entities). Cells formatted as a percentage come back as `Percent` (calamine gives
  0.25 for "25 %"; the number parser refuses it outside a percentage column). A header cell merged across
  columns refuses the file: which column holds what cannot be known.
- Text files: encoding detected (UTF-16 with a byte-order mark, as "Unicode text" exports are; UTF-8 with or
  without BOM; else Windows-1252); separator `;`, tab or `,` detected from the first lines. A number that reads
  two ways — "3,250" in a comma-separated file, "1.234" anywhere — comes back as `Ambiguous`, which the number
  parser refuses with the reason, never guessing.
- The header row is found within the first `HEADER_SEARCH_ROWS` rows: the row that holds most of the names the
  importer asks for (`columns`); title rows above it are not data. Total rows ("Summa", "Totalt", or a row of
  only amounts that lacks most required columns) are not data either: each is left blank in `rows` and listed in
  `skipped`, so nothing is dropped silently. Columns with values but no header are listed in `notes`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from insatskollen.core.numbers import Ambiguous, Percent

MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 500_000
HEADER_SEARCH_ROWS = 20
REGISTER_SHEETS = ("register", "vardkostnadsfil")  # normalised sheet names read before the first sheet
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
_OLE2 = b"\xd0\xcf\x11\xe0"  # Excel 97–2003 (.xls)
_AMBIGUOUS_COMMA = re.compile(r"^\s*[+-]?\d{1,3}(,\d{3})+\s*$")
_AMBIGUOUS_DOT = re.compile(r"^\s*[+-]?[1-9]\d{0,2}(\.\d{3})+\s*$")
_TOTAL_WORDS = re.compile(r"^(summa|totalt?|totalsumma|delsumma|sum|sum total|grand total)\b", re.IGNORECASE)
_NUMERIC_TEXT = re.compile(r"^[\s\u00a0\u202f]*[+\-−]?[\d\s\u00a0\u202f.,]+(\s*(kr|sek|:-))?\s*$", re.IGNORECASE)
_DELIMITERS = (";", "\t", ",")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message is plain Swedish."""


@dataclass(frozen=True)
class SkippedRow:
    row: int  # the file's row number
    reason: str  # plain Swedish
    text: str  # the row's non-empty cells, for the user to recognise it

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "reason": self.reason, "text": self.text}


@dataclass
class Table:
    header: list[str]
    rows: list[list[object]]  # data rows: rows[i] is file row first_row + i (a skipped total row is left empty)
    file_name: str = ""
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)  # plain Swedish: what was read, and what the user must know
    sheet: str = ""  # the sheet read ("" for a text file)
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook
    header_row: int = 1  # the file's row number of the header
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    def file_row(self, index: int) -> int:
        return self.first_row + index


def read_table(path: str | Path, *, file_name: str | None = None, max_bytes: int | None = None,
               columns: Iterable[str] = (), required: Iterable[str] = (), sheet: str | None = None) -> Table:
    """Read the table of a file. `columns`: every header name the importer knows (to find the header row);
    `required`: those it needs (to recognise a total row, which lacks them); `sheet`: the sheet the user chose."""
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
        _check_zip(path)
        raw, table, merged = _read_workbook(path, sheet, zip_based=True)
    elif magic == _OLE2:
        raw, table, merged = _read_workbook(path, sheet, zip_based=False)
    elif suffix in WORKBOOK_SUFFIXES:
        raise UnreadableFile(f"Filen heter {suffix} men är ingen Excelfil eller kalkylbok som går att läsa "
                             f"(.xlsx, .xls, .ods).")
    else:
        raw, table = _read_text(path.read_bytes())
        merged = []
    table.file_name = name
    _find_header(raw, table, {normalise_header(c) for c in columns}, merged)
    if not table.header or not any(str(h).strip() for h in table.header):
        raise UnreadableFile("Filen saknar rubrikrad." + (f" Bladet ”{table.sheet}” lästes." if table.sheet else ""))
    if len(table.rows) > MAX_ROWS:
        raise UnreadableFile(f"Filen har fler än {MAX_ROWS} rader.")
    _skip_total_rows(table, {normalise_header(c) for c in required})
    _note_unnamed_columns(table)
    return table


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
                raise UnreadableFile("Kalkylboken packas upp till en orimlig storlek och läses inte.")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        head = part.read(2048).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise UnreadableFile("Kalkylboken innehåller XML-deklarationer (DOCTYPE) och läses inte.")
    except zipfile.BadZipFile:
        raise UnreadableFile("Filen är inte en giltig Excelfil (.xlsx) eller OpenDocument-fil (.ods).") from None


def _choose_sheet(names: list[str], visible: list[str], asked: str | None, rows_of) -> tuple[str, list]:
    if asked is not None:
        if asked not in names:
            raise UnreadableFile(f"Kalkylboken har inget blad som heter ”{asked}” (bladen är: {', '.join(names)}).")
        return asked, rows_of(asked)
    named = [n for n in names if normalise_header(n) in REGISTER_SHEETS]
    for name in named[:1] + [n for n in visible if n not in named[:1]]:
        rows = rows_of(name)
        if rows and any(not is_blank_row(r) for r in rows):
            return name, rows
    raise UnreadableFile("Kalkylbokens blad är tomma.")


Merged = list[tuple[tuple[int, int], tuple[int, int]]]  # ((top, left), (bottom, right)), from 0


def _read_workbook(path: Path, asked: str | None, *, zip_based: bool) -> tuple[list[list[object]], Table, Merged]:
    from python_calamine import CalamineWorkbook

    merged: dict[str, Merged] = {}

    def rows_of(name: str) -> list:
        sheet = workbook.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        try:
            merged[name] = list(sheet.merged_cell_ranges or [])
        except Exception:  # merged regions are not read for every format
            merged[name] = []
        return rows

    try:
        with path.open("rb") as handle:  # the content decides the format, not the file's name
            workbook = CalamineWorkbook.from_filelike(handle)
            names = list(workbook.sheet_names)
            visible = [m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Visible")] or names
            chosen, rows = _choose_sheet(names, visible, asked, rows_of)
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises several error types for broken files
        raise UnreadableFile(f"Kalkylboken kunde inte läsas ({type(exc).__name__}).") from None
    rows = [list(r) for r in rows]
    if zip_based:
        _mark_percent_cells(path, chosen, rows)
    several = f" (kalkylboken har {len(names)} blad: {', '.join(names)})" if len(names) > 1 else ""
    table = Table(header=[], rows=[], encoding="kalkylbok", sheet=chosen, sheets=names,
                  notes=[f"Bladet ”{chosen}” lästes{several}."])
    return rows, table, merged.get(chosen, [])


def _mark_percent_cells(path: Path, sheet: str, rows: list[list[object]]) -> None:
    from insatskollen.core.cell_formats import percent_cells

    try:
        cells = percent_cells(path, sheet)
    except (KeyError, ValueError, zipfile.BadZipFile, SyntaxError):  # parts we do not know: no formats to read
        return
    for r, c in cells:
        if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], (int, float)) \
                and not isinstance(rows[r][c], bool):
            rows[r][c] = Percent(rows[r][c])


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UnreadableFile("Textfilen säger att den är UTF-16 men går inte att läsa som det.") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(lines: list[str]) -> str:
    """The separator the first lines use most in one line (the header has the most cells); `;` before tab before
    `,` on a tie, since Swedish decimal commas are common."""
    best = max(_DELIMITERS, key=lambda d: (max((line.count(d) for line in lines), default=0),
                                           -_DELIMITERS.index(d)))
    return best if any(best in line for line in lines) else ";"


def _read_text(data: bytes) -> tuple[list[list[object]], Table]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("Filen är varken en kalkylbok (.xlsx, .xls, .ods) eller en textfil (.csv, .txt).")
    text, encoding = _decode(data)
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS + 5] if line.strip()]
    delimiter = _delimiter(lines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        rows: list[list[object]] = [list(r) for r in reader]
    except csv.Error as exc:
        raise UnreadableFile(f"Textfilen kunde inte läsas: {exc}.") from None
    if not rows:
        raise UnreadableFile("Filen är tom.")
    for row in rows:
        for i, cell in enumerate(row):
            if "." in cell or (delimiter == "," and "," in cell):  # most cells have neither: no regex for them
                if (delimiter == "," and _AMBIGUOUS_COMMA.match(cell)) or _AMBIGUOUS_DOT.match(cell):
                    row[i] = Ambiguous(cell)
    table = Table(header=[], rows=[], encoding=encoding, delimiter=delimiter)
    return rows, table


def _find_header(raw: list[list[object]], table: Table, names: set[str], merged: Merged) -> None:
    """The header is the row among the first ones that holds most of the importer's column names (row 1 when
    no row holds any); rows above it are titles, and the rest is data."""
    best, best_hits = 0, 0
    if names:
        for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
            hits = len({normalise_header(cell_text(c)) for c in row} & names)
            if hits > best_hits:
                best, best_hits = index, hits
    if not raw:
        table.header, table.rows = [], []
        return
    table.header = [cell_text(h) for h in raw[best]]
    table.rows = raw[best + 1:]
    table.header_row = best + 1
    where = f"bladet ”{table.sheet}”" if table.sheet else "filen"
    if best:
        table.notes.append(f"Rubrikraden är rad {best + 1} i {where}; raderna ovanför den är rubriker och lästes inte.")
    for (top, left), (bottom, right) in merged:
        if top <= best <= bottom and right > left:
            label = cell_text(raw[top][left]) if top < len(raw) and left < len(raw[top]) else ""
            raise UnreadableFile(
                f"Rubriken ”{label}” på rad {best + 1} i {where} är sammanslagen över kolumn "
                f"{column_letter(left)}–{column_letter(right)}, så det går inte att veta vilken kolumn som är "
                f"vilken. Dela upp de sammanslagna cellerna så att varje kolumn har sin egen rubrik.")


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_NUMERIC_TEXT.match(value)) and any(ch.isdigit() for ch in value)


def _lacks_most(row: list[object], positions: list[int]) -> bool:
    """At least half of the required cells are empty (plain comparisons: this runs for every row)."""
    width = len(row)
    empty = 0
    for p in positions:
        value = row[p] if p < width else None
        if value is None or value == "" or (value.__class__ is str and not value.strip()):
            empty += 1
    return empty * 2 >= len(positions)


def _skip_total_rows(table: Table, required: set[str]) -> None:
    """A row that starts with "Summa"/"Totalt", or that holds only numbers and lacks most of the required
    columns, is a total the spreadsheet computed: left out, and listed."""
    positions = [i for i, h in enumerate(table.header) if normalise_header(h) in required]
    for index, row in enumerate(table.rows):
        first = next((c for c in row if c is not None and c != ""), None)  # cheap: most rows start filled
        if first is None:
            continue
        reason = ""
        if isinstance(first, str) and _TOTAL_WORDS.match(first.strip()):
            reason = f"En summarad (”{first.strip()}”) räknas inte som ett beslut."
        elif positions and _is_number(first) and _lacks_most(row, positions):  # a row of amounts starts with one
            filled = [c for c in row if cell_text(c) != ""]
            if filled and all(_is_number(c) for c in filled):
                reason = "En rad med bara belopp och utan de obligatoriska kolumnerna ser ut som en summarad."
        if reason:
            text = " | ".join(cell_text(c) for c in row if cell_text(c) != "")[:200]
            table.skipped.append(SkippedRow(table.file_row(index), reason, text))
            table.rows[index] = []


def _note_unnamed_columns(table: Table) -> None:
    width = max((len(r) for r in table.rows), default=0)
    for column in range(width):
        if column < len(table.header) and table.header[column].strip():
            continue
        with_data = [i for i, r in enumerate(table.rows) if column < len(r) and cell_text(r[column]) != ""]
        if with_data:
            first, last = table.file_row(with_data[0]), table.file_row(with_data[-1])
            table.notes.append(
                f"Kolumn {column_letter(column)} har värden (rad {first}–{last}) men ingen rubrik och lästes inte. "
                f"Ge kolumnen en rubrik om värdena ska med.")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as text: integral floats lose their .0 (Excel stores 6510 and personnummer as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(float(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time.min else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_blank_row(row: Sequence[object]) -> bool:
    return all(cell_text(c) == "" for c in row)


def normalise_header(name: str) -> str:
    """Case-insensitive, surrounding spaces ignored, å/ä/ö equal to a/a/o."""
    text = " ".join(str(name).strip().lower().split())
    return text.translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"}))
