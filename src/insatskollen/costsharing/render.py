"""The monthly recharge statement to IFO as a workbook and as an A4 PDF (reportlab, as the committee report). Every
workbook text cell is neutralised against formula injection."""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

import xlsxwriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from insatskollen.core.months import month_label
from insatskollen.core.numbers import format_number
from insatskollen.costsharing.selectors import Statement
from insatskollen.followup.render_pdf import fonts
from insatskollen.register.exporting import neutralise_formula

HEADER = ["Personnummer", "Beslut", "Insats", "Avtal", "Dagar", "Underlag (kr)", "Att betala (kr)"]


def _rows(statement: Statement, person: Callable[[str], str]) -> list[list[str]]:
    rows = []
    for line in statement.lines:
        d = line.decision
        rows.append([person(line.client.personal_number), d.label if d else "Hela ärendet",
                     f"{d.intervention_type.code} {d.intervention_type.name}" if d else "",
                     line.agreement.share_text(), str(line.days)])
    return rows


def render_statement_xlsx(statement: Statement, person: Callable[[str], str]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    money = book.add_format({"num_format": "# ##0.00"})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Vidarefakturering")
    sheet.write_string(0, 0, f"Vidarefakturering till IFO, {month_label(statement.month)}", bold)
    for col, name in enumerate(HEADER):
        sheet.write_string(2, col, name, bold)
    for r, (values, line) in enumerate(zip(_rows(statement, person), statement.lines), start=3):
        for col, value in enumerate(values):
            sheet.write_string(r, col, neutralise_formula(value))
        sheet.write_number(r, 5, float(line.basis), money)
        sheet.write_number(r, 6, float(line.amount), money)
    total_row = 3 + len(statement.lines)
    sheet.write_string(total_row, 0, "Summa", bold)
    sheet.write_number(total_row, 6, float(statement.total), money)
    sheet.set_column(0, 3, 20)
    sheet.set_column(4, 6, 16)
    book.close()
    return buffer.getvalue()


def render_statement_pdf(statement: Statement, person: Callable[[str], str], unit_name: str) -> bytes:
    regular, bold = fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=base, fontName=bold, fontSize=14, leading=18, spaceAfter=6)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"Vidarefakturering till IFO {month_label(statement.month)}",
                            lang="sv")
    money = [format_number(line.basis, 2) for line in statement.lines]
    data = [HEADER] + [[*values, basis, format_number(line.amount, 2)]
                       for values, basis, line in zip(_rows(statement, person), money, statement.lines)]
    data.append(["Summa", "", "", "", "", "", format_number(statement.total, 2)])
    table = Table([[Paragraph(escape(str(c)), base) for c in row] for row in data], repeatRows=1,
                  colWidths=[30 * mm, 20 * mm, 38 * mm, 24 * mm, 12 * mm, 27 * mm, 27 * mm])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                               ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [Paragraph(escape(f"Vidarefakturering till IFO – {month_label(statement.month)}"), title),
             Paragraph(escape(f"{unit_name}. IFO:s andel enligt undertecknade delningsavtal: procent av "
                              "kostnaden för avtalets dagar i månaden, eller avtalat belopp per månad i "
                              "proportion till dagarna."), base),
             Spacer(1, 6 * mm), table]
    doc.build(story)
    return buffer.getvalue()
