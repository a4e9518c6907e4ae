"""The action plan as a Word document (DOCX), A4, Swedish, for the unit to finish and send on.

Same blocks as the PDF; headings use Word's heading styles (navigable, accessible), tables repeat their header
row, amounts are right-aligned.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from insatskollen.actionplan.document import SECTION_EMPTY, Block
from insatskollen.actionplan.document import Table as DocTable

HEAD = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x4A, 0x4A, 0x4A)
LEVELS = {"h1": 0, "h2": 1, "h3": 2}


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    # Language of the text, for spelling and screen readers.
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fill(cell, text: str, *, right: bool, bold: bool = False, white: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.bold = bold
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document, t: DocTable) -> None:
    caption = document.add_paragraph()
    caption.add_run(t.caption).bold = True
    caption.paragraph_format.keep_with_next = True
    footer = [t.footer] if t.footer else []
    table = document.add_table(rows=1 + len(t.rows) + len(footer), cols=len(t.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    usable = Mm(170)
    total = sum(t.widths)
    for index, width in enumerate(t.widths):
        for cell in table.columns[index].cells:
            cell.width = int(usable * width / total)
    _repeat_header(table.rows[0])
    for column, text in enumerate(t.header):
        cell = table.rows[0].cells[column]
        _fill(cell, text, right=column >= t.numeric_from, bold=True, white=True)
        _shade(cell, "1F4E79")
    for row_index, values in enumerate([*t.rows, *footer], start=1):
        is_footer = bool(footer) and row_index == len(t.rows) + 1
        for column, text in enumerate(values):
            _fill(table.rows[row_index].cells[column], text, right=column >= t.numeric_from, bold=is_footer)
    document.add_paragraph()


def _paragraph(document, text: str, *, grey: bool = False, small: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if grey:
        run.font.color.rgb = GREY
    if small:
        run.font.size = Pt(9)


def render_plan_docx(blocks: list[Block], *, unit_name: str, title: str) -> bytes:
    document = Document()
    _setup(document)
    document.core_properties.title = title
    document.core_properties.author = unit_name
    document.core_properties.subject = "Åtgärdsplan och orsaksredovisning"
    document.core_properties.language = "sv-SE"
    header = document.sections[0].header.paragraphs[0]
    header.text = f"{unit_name} · {title}"
    header.runs[0].font.size = Pt(8)
    header.runs[0].font.color.rgb = GREY
    for block in blocks:
        if block.kind in LEVELS:
            heading = document.add_heading(block.text, level=LEVELS[block.kind])
            for run in heading.runs:
                run.font.color.rgb = HEAD
        elif block.kind == "table":
            _table(document, block.table)
        elif block.kind == "section":
            document.add_heading(block.text, level=1)
            for text in block.paragraphs or [SECTION_EMPTY[block.name]]:
                _paragraph(document, text, grey=not block.paragraphs)
        else:
            _paragraph(document, block.text, grey=block.kind == "meta", small=block.kind == "meta")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
