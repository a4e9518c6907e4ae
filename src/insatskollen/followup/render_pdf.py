"""The committee report as an A4 portrait PDF in Swedish, ready to attach to the committee papers.

Header with the unit's name and the period on every page, "Sida 1 av N" at the foot, tables with amounts
right-aligned in Swedish format, and the three charts drawn with reportlab.graphics, each followed by its text.
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from insatskollen.core.numbers import format_number, format_sek
from insatskollen.followup import pdf_charts, texts
from insatskollen.followup.report import CommitteeReport

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
HEAD = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#c9d3dd")


def fonts() -> tuple[str, str]:
    """(regular, bold): DejaVu Sans when installed, else Helvetica."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                          italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


class _Writer:
    def __init__(self, report: CommitteeReport) -> None:
        self.report = report
        self.font, self.bold = fonts()
        # Helvetica's encoding has no minus sign (U+2212) or arrow (U+2192): write ASCII there.
        self.fix = (lambda s: s) if self.font == "DejaVuSans" else (
            lambda s: s.replace("\u2212", "-").replace("\u2192", "->"))
        base = ParagraphStyle("base", fontName=self.font, fontSize=9, leading=12.5, alignment=TA_LEFT)
        self.styles = {
            "body": ParagraphStyle("body", parent=base, spaceAfter=3),
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
            "caption": ParagraphStyle("caption", parent=base, fontName=self.bold, fontSize=8.5, spaceBefore=6,
                                      spaceAfter=3, keepWithNext=1),
            "chart_text": ParagraphStyle("chart_text", parent=base, fontSize=7.5, leading=9.5,
                                         textColor=colors.HexColor("#333333"), spaceAfter=6),
            "h1": ParagraphStyle("h1", parent=base, fontName=self.bold, fontSize=18, leading=22, spaceAfter=2),
            "h2": ParagraphStyle("h2", parent=base, fontName=self.bold, fontSize=12, leading=15, spaceBefore=10,
                                 spaceAfter=4, textColor=HEAD, keepWithNext=1),
            "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, textColor=colors.HexColor("#4a4a4a")),
            "note": ParagraphStyle("note", parent=base, fontSize=8.5, backColor=colors.HexColor("#fff6d6"),
                                   borderPadding=4, spaceBefore=4, spaceAfter=6),
        }

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(self.fix(text)), self.styles[style])

    def two_lines(self, first: str, second: str) -> Paragraph:
        """A cell with a line and a smaller, grey line under it (e.g. the intervention and its provider)."""
        return Paragraph(f"{escape(self.fix(first))}<br/><font size=\"6.3\" color=\"#555555\">"
                         f"{escape(self.fix(second))}</font>", self.styles["cell"])

    def kr(self, value) -> str:
        return self.fix("–" if value is None else format_sek(value))

    def signed(self, value) -> str:
        return self.fix("–" if value is None else texts.signed_sek(value))

    def table(self, header: list[str], rows: list[list], widths_mm: list[float], *, numeric_from: int = 1,
              footer: list | None = None, text_columns: tuple[int, ...] = (), font_size: float = 7.8) -> Table:
        """A table with a dark header row; columns from `numeric_from` are right-aligned except `text_columns`."""
        def cell(value, column):
            if column in text_columns and isinstance(value, str):
                return Paragraph(escape(self.fix(value)), self.styles["cell"])
            return self.fix(value) if isinstance(value, str) else value

        data = [[self.fix(h) for h in header]] + [[cell(v, i) for i, v in enumerate(r)] for r in rows]
        if footer:
            data.append([self.fix(v) for v in footer])
        scale = WIDTH / (sum(widths_mm) * mm)
        table = Table(data, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1)
        style = [
            ("FONT", (0, 0), (-1, -1), self.font, font_size),
            ("FONT", (0, 0), (-1, 0), self.bold, font_size),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for column in range(numeric_from, len(header)):
            if column not in text_columns:
                style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        if footer:
            style += [("FONT", (0, -1), (-1, -1), self.bold, font_size), ("LINEABOVE", (0, -1), (-1, -1), 1, HEAD)]
        table.setStyle(TableStyle(style))
        return table

    def chart(self, drawing, title: str, desc: str, *, heading: str | None = None) -> KeepTogether:
        """A chart with its title and text, kept on one page (with the section's heading when it opens one)."""
        parts = [self.p(title, "caption"), drawing, self.p(desc, "chart_text")]
        return KeepTogether(([self.p(heading, "h2")] if heading else []) + parts)


def _story(w: _Writer) -> list:
    r = w.report
    period, total = r.period, r.total
    story = [
        w.p(r.unit_name, "meta"),
        w.p(r.title, "h1"),
        w.p(f"Period: {period.span_text}. Utfall enligt {r.source_text}"
            + (f" (bokat t.o.m. {r.ledger_through})" if r.ledger_through else "")
            + f". Registret per {period.last_day:%Y-%m-%d}. Framtagen {r.generated_at:%Y-%m-%d %H:%M}.", "meta"),
        Spacer(1, 4),
    ]
    story += [w.p(note, "note") for note in r.notes]
    story.append(w.p("Sammanfattning", "h2"))
    story += [w.p(line) for line in texts.summary_lines(r)]
    facts = [
        [f"Nettokostnad {r.compared_span_text}", w.kr(total.actual.net)],
        ["Budget för perioden", w.kr(total.budget_to_date)],
        ["Avvikelse mot budget (budget − netto)", w.signed(total.deviation)],
        [f"Helår {period.year} enligt registrets kända beslut", w.kr(total.register_year.net)],
        [f"Budget helår {period.year}", w.kr(total.budget_year)],
    ]
    story += [Spacer(1, 4), w.table(["Nyckeltal", "Belopp"], facts, [110, 50])]

    story.append(w.p("Utfall mot budget per verksamhetsgrupp", "h2"))
    rows = [[g.name, w.kr(g.actual.cost), w.kr(g.actual.revenue), w.kr(g.actual.net), w.kr(g.budget_to_date),
             w.signed(g.deviation)] for g in r.groups]
    if r.unallocated:
        rows.append([r.unallocated.name, "–", "–", "–", w.kr(r.unallocated.budget_to_date),
                     w.signed(r.unallocated.deviation)])
    story += [w.p(f"Tabell 1. Utfall {r.compared_span_text} mot budget. Avvikelse = budget − netto; minus är underskott.",
                  "caption"),
              w.table(["Grupp", "Kostnad", "Intäkter", "Netto", "Budget", "Avvikelse"], rows,
                      [46, 27, 25, 27, 27, 25], text_columns=(0,),
                      footer=["Totalt", w.kr(total.actual.cost), w.kr(total.actual.revenue), w.kr(total.actual.net),
                              w.kr(total.budget_to_date), w.signed(total.deviation)])]
    rows = [[g.name, w.kr(g.register_to_date.net), w.kr(g.register_year.net), w.kr(g.budget_year),
             w.signed(g.deviation_year)] for g in r.groups]
    if r.unallocated:
        rows.append([r.unallocated.name, "–", "–", w.kr(r.unallocated.budget_year),
                     w.signed(r.unallocated.deviation_year)])
    story += [w.p(f"Tabell 2. Registrets kända beslut per {period.last_day:%Y-%m-%d}, netto, hittills och för helåret "
                  f"(ingen prognos).", "caption"),
              w.table(["Grupp", f"Registret t.o.m. {period.month_name[:3]}", "Registret helår", "Budget helår",
                       "Avvikelse helår"], rows, [50, 32, 32, 32, 30], text_columns=(0,),
                      footer=["Totalt", w.kr(total.register_to_date.net), w.kr(total.register_year.net),
                              w.kr(total.budget_year), w.signed(total.deviation_year)])]

    story.append(w.chart(pdf_charts.monthly_cost_drawing(r, WIDTH, w.font), f"Diagram 1. Kostnad per månad {period.year}",
                         texts.monthly_cost_desc(r), heading="Utfall per månad"))
    story.append(w.chart(pdf_charts.accumulated_drawing(r, WIDTH, w.font),
                         f"Diagram 2. Ackumulerad nettokostnad mot budget {period.year}", texts.accumulated_desc(r)))
    rows = [[m.label, *(w.kr(getattr(m.actual, f, None)) for f in ("cost", "revenue", "net")), w.kr(m.budget),
             w.kr(m.accumulated_actual), w.kr(m.accumulated_budget)] for m in r.period_months]
    story += [KeepTogether([
        w.p(f"Tabell 3. Utfall per månad enligt {r.source_text}, med budget och ackumulerade belopp.", "caption"),
        w.table(["Månad", "Kostnad", "Intäkter", "Netto", "Budget", "Ack. netto", "Ack. budget"], rows,
                [17, 27, 25, 26, 25, 27, 27])])]

    story += _changes(w)
    story += _keyfigures(w)
    story += _allocation(w)
    return story


def _allocation(w: _Writer) -> list:
    a = w.report.allocation
    if a is None:
        return []
    dates = ", ".join(f"{d:%Y-%m-%d}" for d in a.counted)
    projected = ", ".join(f"{d:%Y-%m-%d}" for d in a.projected)
    intro = ("Stadens schablon per person och nivå vid mättillfällena" + (f" ({dates})" if dates else "")
             + (f"; prognos från registret per {a.as_of:%Y-%m-%d} för {projected}" if projected else "")
             + f", med beviljad särskild redovisning, mot registrets kostnad {a.year} för samma insatser. "
               "Differens = kostnad − tilldelning; plus betyder att staden betalar mindre än enheten kostar."
             + (" Schablonen är härledd, inte stadens beslutade belopp." if a.derived else ""))
    header = ["Schablon enl. nivå", "Särskild redovisning", "Faktisk kostnad", "Differens"]

    def rows(items):
        return [[g.name, w.kr(g.schablon), w.kr(g.claims), w.kr(g.cost), w.signed(g.difference)] for g in items]

    footer = ["Totalt", w.kr(a.total.schablon), w.kr(a.total.claims), w.kr(a.total.cost),
              w.signed(a.total.difference)]
    story = [w.p("Resursfördelning: schablon mot faktisk kostnad", "h2"), w.p(intro),
             KeepTogether([w.p(f"Tabell 7. Skillnader mellan resursfördelning och faktisk kostnad {a.year} per "
                               f"insatsform (jfr tabell 5 i 2007 års granskning).", "caption"),
                           w.table(["Insatsform", *header], rows(a.groups), [46, 32, 32, 32, 28], text_columns=(0,),
                                   footer=footer)])]
    if a.kinds:
        story.append(KeepTogether([w.p("Tabell 8. Samma jämförelse per utförartyp.", "caption"),
                                   w.table(["Utförartyp", *header], rows(a.kinds), [46, 32, 32, 32, 28],
                                           text_columns=(0,), footer=footer)]))
    return story


def _changes(w: _Writer) -> list:
    r = w.report
    changes = r.changes
    rows = [[s.label, format_number(s.count), w.signed(s.delta)] for s in changes.summary]
    story = [KeepTogether([
        w.p("Största förändringarna sedan förra månaden", "h2"),
        w.p(f"Registrets kostnad för {r.period.month_name} jämfört med den kostnad för föregående månad som "
            f"registret visade vid förra månadsskiftet."),
        w.p("Tabell 4. Förändring av registrets månadskostnad, per slag av händelse.", "caption"),
        w.table(["Händelse", "Antal beslut", "Förändring per månad"], rows, [100, 30, 40], text_columns=(0,),
                footer=["Summa", "", w.signed(changes.total)]),
    ])]
    if changes.rows:
        rows = [[c.decision_label, c.masked_personal_number, w.two_lines(f"{c.code} {c.name}", c.provider),
                 w.kr(c.previous), w.kr(c.current), w.signed(c.delta), c.what] for c in changes.rows]
        story += [w.p("Tabell 5. De beslut vars månadskostnad ändrades mest.", "caption"),
                  w.table(["Beslut-id", "Personnr", "Insats, utförare", "Förra mån.", "Denna mån.", "Förändring",
                           "Vad hände"], rows, [20, 22, 34, 21, 21, 21, 41], numeric_from=3, text_columns=(2, 6),
                          font_size=7.2)]
    else:
        story.append(w.p("Inga beslut har börjat, slutat eller ändrats mellan månaderna."))
    return story


def _keyfigures(w: _Writer) -> list:
    r = w.report
    if not r.keyfigures:
        return [w.p("Prestationer och nyckeltal", "h2"), w.p("Inga pågående insatser under perioden.")]
    story = [w.chart(pdf_charts.counts_drawing(r, WIDTH, w.font),
                     f"Diagram 3. Antal pågående insatser per insatskod, januari och {r.period.month_name}",
                     texts.counts_desc(r), heading="Prestationer och nyckeltal")]
    months = [m.name[:3] for m in r.period_months]
    rows = [[k.code, k.name, *[format_number(v, 1) for v in k.average_active], texts.signed_percent(k.change_pct),
             format_number(k.clients), w.kr(k.cost_per_client)] for k in r.keyfigures]
    month_width = 9 if len(months) > 8 else 11
    story += [w.p(f"Tabell 6. Genomsnittligt antal pågående insatser per månad; förändring januari–"
                  f"{r.period.month_name}; klienter och kostnad per klient i {r.period.month_name}.", "caption"),
              w.table(["Kod", "Insats", *months, "Förändr.", "Klienter", "Kr/klient"], rows,
                      [14, 34, *[month_width] * len(months), 14, 12, 20], numeric_from=2, text_columns=(0, 1),
                      font_size=6.6 if len(months) > 8 else 7.2)]
    return story


def _draw_header(w: _Writer, pdf: canvas.Canvas, doc) -> None:
    pdf.saveState()
    top = A4[1] - 10 * mm
    pdf.setFont(w.bold, 8)
    pdf.drawString(MARGIN, top, w.fix(w.report.unit_name))
    pdf.setFont(w.font, 8)
    pdf.drawRightString(A4[0] - MARGIN, top, w.fix(f"{w.report.title} · {w.report.period.span_text}"))
    pdf.setStrokeColor(RULE)
    pdf.line(MARGIN, top - 2.5 * mm, A4[0] - MARGIN, top - 2.5 * mm)
    pdf.restoreState()


class NumberedCanvas(canvas.Canvas):
    """Writes "Sida x av N" on every page once N is known."""

    font_name = "Helvetica"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        count = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(self.font_name, 8)
            self.setFillColor(colors.HexColor("#4a4a4a"))
            self.drawRightString(A4[0] - MARGIN, 9 * mm, f"Sida {number} av {count}")
            super().showPage()
        super().save()


def render_report_pdf(report: CommitteeReport) -> bytes:
    writer = _Writer(report)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=20 * mm,
                            bottomMargin=16 * mm, title=f"{report.title} – {report.unit_name}",
                            author=report.unit_name, subject=f"Uppföljning {report.period.span_text}",
                            creator="Insatskollen", lang="sv-SE")
    canvas_class = type("ReportCanvas", (NumberedCanvas,), {"font_name": writer.font})
    header = partial(_draw_header, writer)
    doc.build(_story(writer), onFirstPage=header, onLaterPages=header, canvasmaker=canvas_class)
    return buffer.getvalue()
