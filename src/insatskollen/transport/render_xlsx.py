"""An invoice's dispute list as a workbook for the carrier: every flagged line with the reason and the disputed
amount, and the invoice's totals. Every text cell is neutralised against formula injection and xlsxwriter never
turns strings into formulas."""

from __future__ import annotations

import io
from collections.abc import Callable

import xlsxwriter

from insatskollen.register.exporting import neutralise_formula
from insatskollen.transport.matching import FLAG_TEXTS
from insatskollen.transport.models import InvoiceLine, TransportInvoice


def _text(value) -> str:
    return neutralise_formula(str(value or ""))


def render_dispute_xlsx(invoice: TransportInvoice, lines: list[InvoiceLine], person: Callable[[str], str]) -> bytes:
    """`person`: how the reader may write a personnummer (in full for the unit head, masked for the controller)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    money = book.add_format({"num_format": "# ##0.00"})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Bestridande")
    sheet.write_string(0, 0, _text(f"Bestridna rader, faktura {invoice.number} från {invoice.carrier.name} "
                                   f"({invoice.invoice_date.isoformat()})"), bold)
    sheet.write_string(1, 0, "Fakturerat")
    sheet.write_number(1, 1, float(invoice.amount), money)
    sheet.write_string(2, 0, "Godkänt")
    sheet.write_number(2, 1, float(invoice.accepted), money)
    sheet.write_string(3, 0, "Bestrids")
    sheet.write_number(3, 1, float(invoice.disputed), money)
    header = ["Rad i fakturan", "Personnummer", "Resdatum", "Antal resor", "Belopp", "Avtal", "Avtalspris",
              "Avvikelse", "Förklaring", "Avvikelsens belopp", "Bestrids"]
    for col, name in enumerate(header):
        sheet.write_string(5, col, name, bold)
    r = 6
    for line in lines:
        for i, flag in enumerate(line.flags):
            values = [str(line.row), person(line.personal_number), line.trip_date.isoformat(), str(line.trips)]
            for col, value in enumerate(values):
                sheet.write_string(r, col, _text(value))
            sheet.write_number(r, 4, float(line.amount), money)
            sheet.write_string(r, 5, _text(line.contract))
            if line.contract_price is not None:
                sheet.write_number(r, 6, float(line.contract_price), money)
            sheet.write_string(r, 7, _text(FLAG_TEXTS.get(flag["kind"], flag["kind"])))
            sheet.write_string(r, 8, _text(flag["text"]))
            sheet.write_number(r, 9, float(flag["amount"]), money)
            if i == 0:
                sheet.write_number(r, 10, float(line.disputed), money)
            r += 1
    sheet.set_column(0, 7, 14)
    sheet.set_column(8, 8, 60)
    sheet.set_column(9, 10, 16)
    book.close()
    return buffer.getvalue()
