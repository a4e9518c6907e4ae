"""Which cells of a workbook's sheet are formatted as a percentage (.xlsx and .ods). Pure: no Django.

python-calamine gives a cell's value, not its number format, so a share shown as "25 %" arrives as 0.25.
- .xlsx: the styles say which cell formats are percentages (built-in formats 9 and 10, or a custom format with a
  `%` outside quotes); only when there are such formats is the sheet's XML read, streamed, for the cells that use
  them.
- .ods: each cell says its value type; the content is streamed for cells of type "percentage", counting repeated
  rows and columns as the format writes them.
The parts are parsed with defusedxml (the reader has already refused DOCTYPE and entity declarations). An .xls
keeps no format calamine can give: a bare fraction in a percentage column is refused there (core.numbers).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
BUILT_IN_PERCENT = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.')
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


def percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """The indexes of the cell formats (cellXfs) that show a number as a percentage."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {int(f.get("numFmtId", -1)) for f in root.iter(f"{MAIN}numFmt")
              if _is_percent_format(f.get("formatCode", ""))}
    cell_formats = root.find(f"{MAIN}cellXfs")
    if cell_formats is None:
        return set()
    return {index for index, xf in enumerate(cell_formats.findall(f"{MAIN}xf"))
            if int(xf.get("numFmtId", 0)) in BUILT_IN_PERCENT | custom}


def sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip path of the worksheet named `sheet_name`."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relation = next((s.get(f"{RELATIONSHIPS}id") for s in workbook.iter(f"{MAIN}sheet")
                     if s.get("name") == sheet_name), None)
    if relation is None:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in relations.iter(f"{PACKAGE_RELATIONSHIPS}Relationship")
                   if r.get("Id") == relation), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
MAX_REPEAT = 100_000  # a repeat count beyond the rows a reader keeps is blank filler


def _ods_percent_cells(archive: zipfile.ZipFile, sheet_name: str) -> set[tuple[int, int]]:
    cells: set[tuple[int, int]] = set()
    inside = False
    row = column = 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if tag == f"{TABLE}table":
                if event == "start":
                    inside, row = element.get(f"{TABLE}name") == sheet_name, 0
                elif inside:
                    break
                continue
            if not inside:
                continue
            if tag == f"{TABLE}table-row":
                if event == "start":
                    column = 0
                else:
                    row += min(int(element.get(f"{TABLE}number-rows-repeated", 1)), MAX_REPEAT)
                    element.clear()
            elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "end":
                repeat = min(int(element.get(f"{TABLE}number-columns-repeated", 1)), MAX_REPEAT)
                if element.get(f"{OFFICE}value-type") == "percentage":
                    cells.update((row, column + k) for k in range(repeat))
                column += repeat
    return cells


def percent_cells(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """(row, column), both from 0, of every cell in the sheet formatted as a percentage."""
    with zipfile.ZipFile(path) as archive:
        if "content.xml" in archive.namelist():
            return _ods_percent_cells(archive, sheet_name)
        styles = percent_styles(archive)
        if not styles:
            return set()
        part = sheet_part(archive, sheet_name)
        if part is None:
            return set()
        wanted = {str(s) for s in styles}
        cells: set[tuple[int, int]] = set()
        with archive.open(part) as stream:
            for _, element in ElementTree.iterparse(stream, events=("end",)):
                if element.tag == f"{MAIN}c":
                    if element.get("s") in wanted:
                        match = _CELL.match(element.get("r", ""))
                        if match:
                            cells.add((int(match[2]) - 1, column_index(match[1])))
                elif element.tag == f"{MAIN}row":
                    element.clear()
        return cells
