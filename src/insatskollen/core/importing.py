"""What every file import shares: canonical columns, mapping a file's header onto them, and row errors. Pure.

The register, ledger and budget imports each declare their columns; the header matching (case-insensitive,
surrounding spaces ignored, å/ä/ö as a/a/o) and the shape of an error (row, column, value, message) are the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from insatskollen.core.numbers import InvalidValue
from insatskollen.core.tabular import Table, cell_text, column_letter, is_blank_row, normalise_header

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class Column:
    header: str  # the canonical header, as written in formats.md and in our exports
    field: str  # the parsed row's attribute
    required: bool = False


@dataclass(frozen=True)
class RowError:
    """One thing wrong in a file: row (the header is row 1; 0 for the file as a whole), the column as the file
    wrote it, the value and a plain Swedish message."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class ImportSummary:
    """The outcome of any file import; `as_dict()` is the JSON answer every import command gives."""

    changes_shown: ClassVar[int | None] = None  # how many of `changes` the JSON answer lists (None: all)

    status: str  # imported | refused | dry-run
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_name: str = ""
    rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    new: dict[str, list[str]] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    sheet: str = ""  # the sheet read ("" for a text file)
    sheets: list[str] = field(default_factory=list)
    header_row: int = 1
    skipped_rows: list[dict[str, Any]] = field(default_factory=list)  # total rows left out: row, reason, text
    notes: list[str] = field(default_factory=list)  # what was read, and what the user must know
    matched_columns: list[dict[str, str]] = field(default_factory=list)  # canonical column ← the file's header

    def read_from(self, table: Table, mapping: ColumnMapping | None = None) -> None:
        """Say which sheet and header row were read, which of the file's columns were matched to which canonical
        column, and which rows were left out and why."""
        self.sheet, self.sheets, self.header_row = table.sheet, list(table.sheets), table.header_row
        self.skipped_rows = [s.as_dict() for s in table.skipped]
        self.notes = list(table.notes)
        if mapping is not None:
            self.matched_columns = mapping.matched_columns()
            self.ignored_columns = self.ignored_columns or list(mapping.ignored)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "file": self.file_name,
            "rows": self.rows,
            "ignored_columns": self.ignored_columns,
            "new": self.new,
            "changes": self.changes[:self.changes_shown],
            "sheet": self.sheet,
            "sheets": self.sheets,
            "header_row": self.header_row,
            "skipped_rows": self.skipped_rows,
            "notes": self.notes,
            "matched_columns": self.matched_columns,
        }


@dataclass
class ColumnMapping:
    """Which position in the file holds each canonical field, and what the file called it."""

    positions: dict[str, int]  # field → column index
    headers: dict[str, str]  # field → header as the file wrote it
    ignored: list[str]  # the file's extra headers
    missing: list[str]  # canonical headers of required columns the file lacks
    duplicated: dict[str, list[int]] = field(default_factory=dict)  # a header written twice → its column numbers
    header_row: int = 1  # the file's row number of the header
    canonical: dict[str, str] = field(default_factory=dict)  # field → canonical header

    def matched_columns(self) -> list[dict[str, str]]:
        """Each canonical column the file has, in the file's order: its header there and its column letter."""
        return [{"column": self.canonical.get(name, name), "file": self.headers[name],
                 "letter": column_letter(position)}
                for name, position in sorted(self.positions.items(), key=lambda item: item[1])]

    def missing_errors(self) -> list[RowError]:
        """The header's faults that refuse the file: a required column missing, or a column name written twice
        (never guess which of two "Pris" columns holds the price)."""
        errors = [RowError(self.header_row, header, "", f"Kolumnen {header} saknas i rubrikraden (rad "
                                                        f"{self.header_row}).") for header in self.missing]
        for header, numbers in self.duplicated.items():
            letters = " och ".join(column_letter(n) for n in numbers)
            errors.append(RowError(self.header_row, header, "", f"Kolumnen {header} finns flera gånger i rubrikraden (kolumn "
                                                  f"{letters}). Ta bort eller byt namn på den som inte gäller, "
                                                  f"även om den är dold."))
        return errors



def map_columns(header: list[str], columns: Iterable[Column], profile: dict[str, str] | None = None, *,
                header_row: int = 1) -> ColumnMapping:
    """Map a file's header row onto `columns`.

    `profile` maps canonical header → the file's header for layouts other than the canonical one; columns
    the profile does not name are looked for under their canonical names.
    """
    columns = tuple(columns)
    by_normalised: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        key = normalise_header(name)
        if key:
            seen.setdefault(key, []).append(index)
        if key and key not in by_normalised:
            by_normalised[key] = index
    wanted = {normalise_header(c.header): c for c in columns}
    if profile:
        for canonical, theirs in profile.items():
            column = wanted.pop(normalise_header(canonical), None)
            if column is not None:
                wanted[normalise_header(theirs)] = column
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    for key, column in wanted.items():
        if key in by_normalised:
            positions[column.field] = by_normalised[key]
            headers[column.field] = header[by_normalised[key]]
    used = set(positions.values())
    ignored = [h for i, h in enumerate(header) if i not in used and str(h).strip()]
    missing = [c.header for c in columns if c.required and c.field not in positions]
    duplicated = {header[indexes[0]]: indexes for key, indexes in seen.items() if len(indexes) > 1 and key in wanted}
    return ColumnMapping(positions=positions, headers=headers, ignored=ignored, missing=missing,
                         duplicated=duplicated, header_row=header_row,
                         canonical={c.field: c.header for c in columns})


def header_names(columns: Iterable[Column], profile: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """The names a file's header row may hold for `columns` (to find it), and those of the required columns (a
    total row lacks them): the canonical names and a profile's."""
    columns = tuple(columns)
    profile = {normalise_header(k): v for k, v in (profile or {}).items()}
    names = [c.header for c in columns] + list(profile.values())
    required = [profile.get(normalise_header(c.header), c.header) for c in columns if c.required]
    return names, required


REQUIRED = ...  # a parser's empty value when the column must be filled in
FIRST_YEAR, LAST_YEAR = 1990, 2100
_CODE = re.compile(r"^[0-9A-ZÅÄÖ][0-9A-ZÅÄÖ ._/-]{0,19}$")


def parse_year(raw: object) -> int:
    """A year cell: four digits between FIRST_YEAR and LAST_YEAR."""
    text = cell_text(raw)
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise InvalidValue(f"År ska vara ett årtal med fyra siffror mellan {FIRST_YEAR} och {LAST_YEAR}, t.ex. 2025.")
    return int(text)


def code_parser(column: str, example: str):
    """A parser of an intervention or activity code cell (upper case, at most 20 characters), named in its
    message as the file's column `column`."""

    def parse(raw: object) -> str:
        text = cell_text(raw).upper()
        if not _CODE.match(text):
            raise InvalidValue(f"{column} ska vara en kod på högst 20 tecken, t.ex. {example}.")
        return text

    return parse
Parsers = dict[str, tuple[Callable[[object], Any], Any]]  # field → (parser, value when the cell is empty)


def cell_display(raw: object) -> str:
    return raw.strip() if raw.__class__ is str else cell_text(raw)


def parse_cells(
    rows: list[list[object]], mapping: ColumnMapping, parsers: Parsers, columns: Iterable[Column], *,
    progress: Callable[[int], None] | None = None, first_row: int = 2,
) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """Every non-blank row parsed field by field: (file row number, values) of the valid rows, and every error.

    A parser raises InvalidValue (plain Swedish) for a value it cannot read. Empty cells take the parser's empty
    value, or are an error when it is REQUIRED.
    """
    canonical = {c.field: c.header for c in columns}
    parsed: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    for index, raw_row in enumerate(rows):
        if progress and index % 1000 == 0:
            progress(index)
        if is_blank_row(raw_row):
            continue
        row_number = index + first_row
        values: dict[str, Any] = {}
        row_errors: list[RowError] = []
        for name, (parser, empty) in parsers.items():
            position = mapping.positions.get(name)
            raw = raw_row[position] if position is not None and position < len(raw_row) else None
            header = mapping.headers.get(name, canonical[name])
            if raw is None or cell_display(raw) == "":
                if empty is REQUIRED:
                    row_errors.append(RowError(row_number, header, "", f"{canonical[name]} måste fyllas i."))
                values[name] = None if empty is REQUIRED else empty
                continue
            try:
                values[name] = parser(raw)
            except InvalidValue as exc:
                row_errors.append(RowError(row_number, header, cell_display(raw), str(exc)))
        if row_errors:
            errors.extend(row_errors)
        else:
            parsed.append((row_number, values))
    if progress:
        progress(len(rows))
    return parsed, errors
