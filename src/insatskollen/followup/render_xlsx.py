"""The committee report as an xlsx workbook: Sammanfattning, Grupper, Månader, Nyckeltal, Förändringar and, when a
schablon is imported for the year, Resursfördelning.

Amounts are numbers with a thousands format (shown "1 234 567" in a Swedish Excel); text is always written as text,
so nothing from the data (a provider called "=cmd|…") can become a formula.
"""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from insatskollen.followup import texts
from insatskollen.followup.report import CommitteeReport

# "#,##0" is how the file stores a thousands format; a Swedish Excel shows it as "# ##0" with spaces.
WHOLE = "#,##0"
ONE_DECIMAL = "#,##0.0"


class _Sheet:
    def __init__(self, workbook, name: str, formats: dict) -> None:
        self.sheet = workbook.add_worksheet(name)
        self.formats = formats
        self.row = 0

    def text(self, row: int, column: int, value, fmt: str | None = None) -> None:
        self.sheet.write_string(row, column, "" if value is None else str(value), self.formats.get(fmt))

    def number(self, row: int, column: int, value, fmt: str = "money") -> None:
        if value is None:
            self.sheet.write_blank(row, column, None, self.formats[fmt])
        else:
            self.sheet.write_number(row, column, float(value) if isinstance(value, Decimal) else value,
                                    self.formats[fmt])

    def header(self, titles: list[str], widths: list[int]) -> None:
        for column, (title, width) in enumerate(zip(titles, widths)):
            self.text(self.row, column, title, "header")
            self.sheet.set_column(column, column, width)
        self.sheet.freeze_panes(self.row + 1, 1)
        self.row += 1

    def line(self, values: list, kinds: list[str], bold: bool = False) -> None:
        """kinds per column: "text", "money", "count" or "decimal"."""
        for column, (value, kind) in enumerate(zip(values, kinds)):
            if kind == "text":
                self.text(self.row, column, value, "bold" if bold else None)
            else:
                self.number(self.row, column, value, f"{kind}_bold" if bold else kind)
        self.row += 1


def _formats(workbook) -> dict:
    return {
        "header": workbook.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF",
                                       "text_wrap": True, "valign": "top"}),
        "bold": workbook.add_format({"bold": True}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "money": workbook.add_format({"num_format": WHOLE}),
        "money_bold": workbook.add_format({"num_format": WHOLE, "bold": True}),
        "count": workbook.add_format({"num_format": WHOLE}),
        "count_bold": workbook.add_format({"num_format": WHOLE, "bold": True}),
        "decimal": workbook.add_format({"num_format": ONE_DECIMAL}),
        "decimal_bold": workbook.add_format({"num_format": ONE_DECIMAL, "bold": True}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }


def _summary(workbook, formats, report: CommitteeReport) -> None:
    s = _Sheet(workbook, "Sammanfattning", formats)
    s.sheet.set_column(0, 0, 46)
    s.sheet.set_column(1, 1, 18)
    s.text(0, 0, report.unit_name, "bold")
    s.text(1, 0, report.title, "title")
    s.text(2, 0, f"Period: {report.period.span_text}. Utfall enligt {report.source_text}. "
                 f"Registret per {report.period.last_day:%Y-%m-%d}. Framtagen {report.generated_at:%Y-%m-%d %H:%M}.")
    s.row = 4
    for note in report.notes:
        s.text(s.row, 0, note)
        s.row += 1
    s.row += 1
    s.header(["Nyckeltal", "Belopp, kr"], [46, 18])
    total = report.total
    for label, value in [
        (f"Kostnad {report.compared_span_text}", total.actual.cost),
        (f"Intäkter {report.compared_span_text}", total.actual.revenue),
        (f"Nettokostnad {report.compared_span_text}", total.actual.net),
        ("Budget för perioden", total.budget_to_date),
        ("Avvikelse mot budget (budget − netto)", total.deviation),
        (f"Helår {report.period.year} enligt registrets kända beslut", total.register_year.net),
        (f"Budget helår {report.period.year}", total.budget_year),
        ("Avvikelse helår (budget − registrets helår)", total.deviation_year),
    ]:
        s.line([label, value], ["text", "money"])
    s.row += 1
    for line in texts.summary_lines(report):
        s.text(s.row, 0, line)
        s.row += 1


def _groups(workbook, formats, report: CommitteeReport) -> None:
    s = _Sheet(workbook, "Grupper", formats)
    s.header(["Grupp", "Kostnad", "Intäkter", "Netto", "Budget t.o.m. månaden", "Avvikelse", "Registret t.o.m. månaden",
              "Registret helår", "Budget helår", "Avvikelse helår"], [34, 15, 15, 15, 17, 15, 17, 15, 15, 15])
    kinds = ["text"] + ["money"] * 9
    rows = list(report.groups) + ([report.unallocated] if report.unallocated else [])
    for g in rows + [report.total]:
        s.line([g.name, g.actual.cost, g.actual.revenue, g.actual.net, g.budget_to_date, g.deviation,
                g.register_to_date.net, g.register_year.net, g.budget_year, g.deviation_year], kinds,
               bold=g is report.total)
    m = _Sheet(workbook, "Månader", formats)
    m.header(["Månad", "Kostnad", "Intäkter", "Netto", "Budget", "Ack. netto", "Ack. budget", "Registrets netto"],
             [10, 15, 15, 15, 15, 15, 15, 16])
    for month in report.months:
        actual = month.actual
        m.line([month.label, actual.cost if actual else None, actual.revenue if actual else None,
                actual.net if actual else None, month.budget, month.accumulated_actual, month.accumulated_budget,
                month.register.net], ["text"] + ["money"] * 7)


def _keyfigures(workbook, formats, report: CommitteeReport) -> None:
    s = _Sheet(workbook, "Nyckeltal", formats)
    labels = report.period.labels
    s.header(["Insatskod", "Insats", "Grupp", *labels, "Förändring %", "Klienter", "Kostnad per klient"],
             [10, 34, 24, *[9] * len(labels), 12, 10, 16])
    for k in report.keyfigures:
        s.line([k.code, k.name, k.group, *k.average_active, k.change_pct, k.clients, k.cost_per_client],
               ["text", "text", "text", *["decimal"] * len(labels), "decimal", "count", "money"])


def _changes(workbook, formats, report: CommitteeReport) -> None:
    s = _Sheet(workbook, "Förändringar", formats)
    s.header(["Beslut-id", "Personnummer", "Insatskod", "Insats", "Utförare", "Förra månaden", "Denna månad",
              "Förändring", "Händelse", "Vad hände"], [14, 16, 10, 30, 26, 15, 15, 15, 26, 48])
    for c in report.changes.rows:
        s.line([c.decision_label, c.masked_personal_number, c.code, c.name, c.provider, c.previous, c.current,
                c.delta, c.kind_label, c.what], ["text"] * 5 + ["money"] * 3 + ["text"] * 2)
    s.row += 1
    s.text(s.row, 0, "Händelse", "header")
    s.text(s.row, 1, "Antal beslut", "header")
    s.text(s.row, 2, "Förändring", "header")
    s.row += 1
    for row in report.changes.summary:
        s.line([row.label, row.count, row.delta], ["text", "count", "money"])
    s.line(["Summa", None, report.changes.total], ["text", "count", "money"], bold=True)


def _allocation(workbook, formats, report: CommitteeReport) -> None:
    a = report.allocation
    if a is None:
        return
    s = _Sheet(workbook, "Resursfördelning", formats)
    s.header(["Insatsform / utförartyp", "Schablon enl. nivå", "Särskild redovisning", "Tilldelning",
              "Faktisk kostnad", "Differens (kostnad − tilldelning)"], [30, 18, 18, 16, 16, 20])
    kinds = ["text"] + ["money"] * 5
    for g in [*a.groups, a.total]:
        s.line([g.name, g.schablon, g.claims, g.allocation, g.cost, g.difference], kinds, bold=g is a.total)
    if a.kinds:
        s.row += 1
        for g in [*a.kinds, a.total]:
            s.line([g.name, g.schablon, g.claims, g.allocation, g.cost, g.difference], kinds, bold=g is a.total)
    s.row += 1
    s.text(s.row, 0, "Mättillfällen räknade: " + ", ".join(d.isoformat() for d in a.counted)
           + ("; prognos: " + ", ".join(d.isoformat() for d in a.projected) if a.projected else "")
           + (". Schablonen är härledd." if a.derived else "."))


def render_report_xlsx(report: CommitteeReport) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    workbook.set_properties({"title": f"{report.title} – {report.unit_name}", "author": report.unit_name,
                             "company": report.unit_name})
    formats = _formats(workbook)
    _summary(workbook, formats, report)
    _groups(workbook, formats, report)
    _keyfigures(workbook, formats, report)
    _changes(workbook, formats, report)
    _allocation(workbook, formats, report)
    workbook.close()
    return buffer.getvalue()
