"""The allocation page as a workbook: Table 5, the persons (largest gap first) and the counts per date. Every text
cell is neutralised against formula injection and xlsxwriter never turns strings into formulas."""

from __future__ import annotations

import io

import xlsxwriter

from insatskollen.allocation.computation import Allocation
from insatskollen.register.exporting import neutralise_formula


def _text(value) -> str:
    return neutralise_formula(str(value or ""))


def render_xlsx(result: Allocation, person_labels: dict[int, str], *, derived_rates: bool) -> bytes:
    """`person_labels`: client id → how the reader may see the person (masked personnummer for the controller)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    # "," is the thousands separator of a format code; the spreadsheet shows it as the reader's (a space in Swedish).
    # A literal space ("# ##0") showed 61 292 844 as "61292 844".
    money = workbook.add_format({"num_format": "#,##0"})
    bold = workbook.add_format({"bold": True})

    sheet = workbook.add_worksheet("Tabell 5")
    scope = f"utförartyp {result.provider_kind}" if result.provider_kind else "alla utförare"
    sheet.write_string(0, 0, _text(f"Resursfördelning {result.year} ({scope}), registret känt {result.as_of}"), bold)
    if derived_rates:
        sheet.write_string(1, 0, "Schablonen är härledd, inte stadens beslutade belopp.")
    header = ["Grupp", "Insatskoder", "Schablon", "Särskild redovisning", "Tilldelning", "Faktisk kostnad",
              "Differens"]
    for col, name in enumerate(header):
        sheet.write_string(3, col, name, bold)
    rows = [*result.groups.items(), ("Totalt", result.total)]
    for r, (name, line) in enumerate(rows, start=4):
        sheet.write_string(r, 0, _text(name))
        sheet.write_string(r, 1, _text(", ".join(result.group_codes.get(name, []))))
        for col, value in enumerate((line.schablon, line.claims, line.allocation, line.cost, line.difference), 2):
            sheet.write_number(r, col, float(value), money)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 6, 16)

    people = workbook.add_worksheet("Personer")
    dates = [d.date for d in result.dates]
    header = ["Person", "Insatskod", "Grupp", "Utförare", *(f"Nivå {d}" for d in dates), "Sexmånadersregeln",
              "Faktisk kostnad", "Tilldelning", "Differens"]
    for col, name in enumerate(header):
        people.write_string(0, col, _text(name), bold)
    for r, p in enumerate(result.persons, start=1):
        values = [person_labels.get(p.person, str(p.person)), p.code, p.group, p.provider,
                  *(p.levels.get(d, "") for d in dates), ", ".join(d.isoformat() for d in p.six_month_rule_dates)]
        for col, value in enumerate(values):
            people.write_string(r, col, _text(value))
        for col, value in enumerate((p.cost, p.allocation, p.difference), len(values)):
            people.write_number(r, col, float(value), money)
    people.set_column(0, len(header), 16)

    counts = workbook.add_worksheet("Mättillfällen")
    for col, name in enumerate(["Datum", "Prognos", "Sexmånadersregel", "Insatskod", "Nivå", "Personer"]):
        counts.write_string(0, col, name, bold)
    r = 1
    for d in result.dates:
        for code, level, n in d.counts():
            for col, value in enumerate((d.date.isoformat(), "ja" if d.projected else "nej",
                                         "ja" if d.six_month_rule else "nej", code, level)):
                counts.write_string(r, col, _text(value))
            counts.write_number(r, 5, n)
            r += 1
    workbook.close()
    return buffer.getvalue()
