"""The action plan as an A4 portrait PDF in Swedish: the committee report's fonts, colours and margins, the
unit and title on every page, "Sida x av N" at the foot."""

from __future__ import annotations

import io
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from insatskollen.actionplan.document import SECTION_EMPTY, Block
from insatskollen.actionplan.document import Table as DocTable
from insatskollen.followup.render_pdf import HEAD, MARGIN, RULE, WIDTH, NumberedCanvas, fonts


class _Writer:
    def __init__(self) -> None:
        self.font, self.bold = fonts()
        # Helvetica's encoding has no minus sign (U+2212): write ASCII there.
        self.fix = (lambda s: s) if self.font == "DejaVuSans" else (lambda s: s.replace("\u2212", "-"))
        base = ParagraphStyle("base", fontName=self.font, fontSize=9.5, leading=13)
        self.styles = {
            "p": ParagraphStyle("p", parent=base, spaceAfter=4),
            "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
            "caption": ParagraphStyle("caption", parent=base, fontName=self.bold, fontSize=8.5, spaceBefore=6,
                                      spaceAfter=3),
            "head": ParagraphStyle("head", parent=base, fontName=self.bold, fontSize=7.5, leading=9,
                                   textColor=colors.white),
            "head_right": ParagraphStyle("head_right", parent=base, fontName=self.bold, fontSize=7.5, leading=9,
                                         textColor=colors.white, alignment=TA_RIGHT),
            "h1": ParagraphStyle("h1", parent=base, fontName=self.bold, fontSize=17, leading=21, spaceAfter=3),
            "h2": ParagraphStyle("h2", parent=base, fontName=self.bold, fontSize=13, leading=16, spaceBefore=12,
                                 spaceAfter=5, textColor=HEAD, keepWithNext=1),
            "h3": ParagraphStyle("h3", parent=base, fontName=self.bold, fontSize=10.5, leading=13, spaceBefore=9,
                                 spaceAfter=3, keepWithNext=1),
            "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, textColor=colors.HexColor("#4a4a4a")),
            "empty": ParagraphStyle("empty", parent=base, textColor=colors.HexColor("#6b6b6b"), spaceAfter=4),
        }

    def p(self, text: str, style: str = "p") -> Paragraph:
        return Paragraph(escape(self.fix(text)).replace("\n", "<br/>"), self.styles[style])

    def table(self, t: DocTable) -> list:
        def cell(value: str, column: int, style: str = "cell"):
            if column < t.numeric_from or style != "cell":
                return Paragraph(escape(self.fix(value)), self.styles[style])
            return self.fix(value)

        rows = [*t.rows, *([t.footer] if t.footer else [])]
        data = [[cell(h, i, "head_right" if i >= t.numeric_from else "head") for i, h in enumerate(t.header)]]
        data += [[cell(v, i) for i, v in enumerate(r)] for r in rows]
        scale = WIDTH / sum(t.widths)
        table = Table(data, colWidths=[w * scale for w in t.widths], repeatRows=1)
        size = 7.5
        style = [
            ("FONT", (0, 0), (-1, -1), self.font, size),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("ALIGN", (t.numeric_from, 0), (-1, -1), "RIGHT"),
        ]
        # A summing row ("Övriga …", "Summa") spans the text columns.
        for index, row in enumerate(rows, start=1):
            if t.numeric_from > 1 and not any(row[1:t.numeric_from]):
                style.append(("SPAN", (0, index), (t.numeric_from - 1, index)))
        if t.footer:
            style += [("FONT", (0, -1), (-1, -1), self.bold, size), ("LINEABOVE", (0, -1), (-1, -1), 1, HEAD)]
        table.setStyle(TableStyle(style))
        return [CondPageBreak(35 * mm), self.p(t.caption, "caption"), table, Spacer(1, 5)]

    def section(self, block: Block) -> list:
        body = [self.p(text) for text in block.paragraphs] or [self.p(SECTION_EMPTY[block.name], "empty")]
        return [KeepTogether([self.p(block.text, "h2"), body[0]]), *body[1:]]


def _story(w: _Writer, blocks: list[Block]) -> list:
    story: list = []
    for block in blocks:
        if block.kind == "table":
            story += w.table(block.table)
        elif block.kind == "section":
            story += w.section(block)
        else:
            story.append(w.p(block.text, block.kind))
            if block.kind == "h1":
                story.append(Spacer(1, 2))
    return story


def _draw_header(w: _Writer, unit_name: str, title: str, pdf: canvas.Canvas, doc) -> None:
    pdf.saveState()
    top = A4[1] - 10 * mm
    pdf.setFont(w.bold, 8)
    pdf.drawString(MARGIN, top, w.fix(unit_name))
    pdf.setFont(w.font, 8)
    pdf.drawRightString(A4[0] - MARGIN, top, w.fix(title))
    pdf.setStrokeColor(RULE)
    pdf.line(MARGIN, top - 2.5 * mm, A4[0] - MARGIN, top - 2.5 * mm)
    pdf.restoreState()


def render_plan_pdf(blocks: list[Block], *, unit_name: str, title: str) -> bytes:
    writer = _Writer()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=20 * mm,
                            bottomMargin=16 * mm, title=title, author=unit_name,
                            subject="Åtgärdsplan och orsaksredovisning", creator="Insatskollen", lang="sv-SE")
    canvas_class = type("PlanCanvas", (NumberedCanvas,), {"font_name": writer.font})
    header = partial(_draw_header, writer, unit_name, title)
    doc.build(_story(writer, blocks), onFirstPage=header, onLaterPages=header, canvasmaker=canvas_class)
    return buffer.getvalue()
