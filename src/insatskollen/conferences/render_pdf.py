"""A case conference's agenda and minutes as an A4 PDF in Swedish, personnummer masked.

Grouped by intervention type like the page; each case with its comparison with similar cases, its outcome
and its minutes. Fonts and colours follow the committee report (followup.render_pdf).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from insatskollen.conferences.agenda import high_cost_threshold
from insatskollen.conferences.comparison import Comparison
from insatskollen.conferences.models import AgendaItem, Conference
from insatskollen.conferences.selectors import agenda_groups, item_facts
from insatskollen.core.numbers import format_number, format_sek
from insatskollen.followup.render_pdf import HEAD, MARGIN, RULE, WIDTH, fonts


def pdf_file_name(conference: Conference) -> str:
    return f"arendedragning-{conference.team.code}-v{conference.week_number:02d}-{conference.week_start:%Y}.pdf"


def heading(conference: Conference) -> str:
    return (f"Ärendedragning {conference.team.name}, vecka {conference.week_number} "
            f"({conference.week_start:%Y-%m-%d} – {conference.week_end:%Y-%m-%d})")


class _Writer:
    def __init__(self) -> None:
        self.font, self.bold = fonts()
        base = ParagraphStyle("base", fontName=self.font, fontSize=9, leading=12)
        self.styles = {
            "body": ParagraphStyle("body", parent=base, spaceAfter=2),
            "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, textColor=colors.HexColor("#4a4a4a")),
            "h1": ParagraphStyle("h1", parent=base, fontName=self.bold, fontSize=16, leading=20, spaceAfter=4),
            "h2": ParagraphStyle("h2", parent=base, fontName=self.bold, fontSize=12, leading=15, spaceBefore=10,
                                 spaceAfter=4, textColor=HEAD, keepWithNext=1),
            "item": ParagraphStyle("item", parent=base, fontName=self.bold, fontSize=9.5, spaceBefore=6),
            "small": ParagraphStyle("small", parent=base, fontSize=7.8, leading=10),
            "minutes": ParagraphStyle("minutes", parent=base, backColor=colors.HexColor("#f3f6f9"), borderPadding=3,
                                      spaceBefore=3, spaceAfter=4),
        }

    def p(self, text: str, style: str = "body") -> Paragraph:
        fixed = text if self.font == "DejaVuSans" else text.replace("\u2212", "-").replace("\u2192", "->")
        return Paragraph(escape(fixed).replace("\n", "<br/>"), self.styles[style])

    def comparison_table(self, panel: Comparison) -> Table:
        def extent(value):
            return "–" if value is None else format_number(value, 2)

        def cost(value):
            return "–" if value is None else format_sek(value)

        data = [["", "Detta ärende", "Lägst", "Median", "Högst"],
                ["Omfattning", extent(panel.case_extent), extent(panel.extent_min), extent(panel.extent_median),
                 extent(panel.extent_max)],
                ["Årskostnad", cost(panel.case_cost), cost(panel.cost_min), cost(panel.cost_median),
                 cost(panel.cost_max)]]
        widths = [0.18, 0.22, 0.2, 0.2, 0.2]
        table = Table(data, colWidths=[w * WIDTH * 0.85 for w in widths])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), self.font, 7.6), ("FONT", (0, 0), (-1, 0), self.bold, 7.6),
            ("FONT", (1, 1), (1, -1), self.bold, 7.6), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, HEAD), ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        table.hAlign = "LEFT"
        return table


def _item(w: _Writer, item: AgendaItem) -> KeepTogether:
    facts = item_facts(item)
    who = [f"Beslut {facts['decision']}", f"klient {facts['client']}"]
    if facts["caseworker"]:
        who.append(f"handläggare {facts['caseworker']}")
    if facts["level"]:
        who.append(f"nivå {facts['level']}")
    panel = item.comparison
    parts = [
        w.p(f"{item.position}. {item.get_kind_display()}: {item.title}", "item"),
        w.p(", ".join(who), "small"),
    ]
    if panel.count:
        parts += [w.p(f"Jämförelse med {panel.count} pågående ärenden med samma insatskod, nivå och enhet i "
                      f"enheten. {panel.position_text}", "small"), w.comparison_table(panel)]
    else:
        parts.append(w.p(panel.position_text, "small"))
    outcome = item.get_outcome_display() if item.outcome else "Ej behandlat"
    minutes = item.minutes or "Inget protokoll."
    parts.append(w.p(f"Utfall: {outcome}\n{minutes}", "minutes"))
    return KeepTogether(parts)


def _story(w: _Writer, conference: Conference) -> list:
    groups = agenda_groups(conference)
    items = [item for group in groups for item in group["items"]]
    if conference.is_held:
        state = (f"Protokoll. Ärendedragningen hölls {conference.held_on:%Y-%m-%d}; "
                 f"{sum(1 for i in items if i.outcome)} av {len(items)} ärenden behandlades.")
    else:
        state = "Förslag till dagordning (ej genomförd)."
    story = [
        w.p(conference.team.unit.name, "meta"),
        w.p(heading(conference), "h1"),
        w.p(state),
        w.p(f"{len(items)} ärenden på dagordningen. {conference.routine_count} rutinärenden utelämnade. "
            f"Kostnadstungt beslut: årskostnad över {format_sek(high_cost_threshold())} eller över 90:e "
            f"percentilen för insatskoden. Framtagen {timezone.localtime():%Y-%m-%d %H:%M}.", "meta"),
        Spacer(1, 4),
    ]
    if not groups:
        story.append(w.p("Dagordningen är tom: inga ärenden utöver rutinärenden denna vecka."))
    for group in groups:
        kind = group["intervention_type"]
        story.append(w.p(f"{kind.code} {kind.name} ({kind.law})", "h2"))
        story += [_item(w, item) for item in group["items"]]
    return story


def render_conference_pdf(conference: Conference) -> bytes:
    writer = _Writer()
    title = heading(conference)

    def page(pdf, doc):
        pdf.saveState()
        pdf.setFont(writer.font, 7.5)
        pdf.setFillColor(colors.HexColor("#4a4a4a"))
        pdf.drawString(MARGIN, A4[1] - 10 * mm, title)
        pdf.drawRightString(A4[0] - MARGIN, 9 * mm, f"Sida {doc.page}")
        pdf.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm,
                            bottomMargin=16 * mm, title=title, author=conference.team.unit.name,
                            subject="Ärendedragning", creator="Insatskollen", lang="sv-SE")
    doc.build(_story(writer, conference), onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
