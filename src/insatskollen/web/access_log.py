"""The access log of one client ("who has read this person's records", as the SoL/LSS rules require): every audit
event about the client, reads and writes, as rows for the page and the xlsx/CSV downloads. Every text cell of a
download is neutralised against formula injection, and xlsxwriter never turns strings into formulas."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone

from insatskollen.audit.models import AuditEvent
from insatskollen.register.exporting import neutralise_formula

HEADERS = ("Tidpunkt", "Användare", "Användarnamn", "Roll", "Händelse", "Källa", "Objekt", "Sammanfattning")
SOURCES = {"api": "API", "web": "Webb"}
BOM = "\ufeff"


@dataclass(frozen=True)
class AccessRow:
    at: str
    name: str
    username: str
    role: str
    action: str
    source: str
    target: str
    summary: str

    def cells(self) -> list[str]:
        return [self.at, self.name, self.username, self.role, self.action, self.source, self.target, self.summary]


def client_events(client_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(client_id=client_id).select_related("actor").order_by("-at", "-id")


def access_row(event: AuditEvent) -> AccessRow:
    actor = event.actor
    source = (event.detail or {}).get("source", "") if isinstance(event.detail, dict) else ""
    return AccessRow(
        at=timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        name=actor.display_name if actor else "",
        username=event.actor_name,
        role=str(actor.get_role_display()) if actor else "",
        action=str(event.get_action_display()),
        source=SOURCES.get(source, "Webb" if not source and event.action.startswith("client.") else source),
        target=f"{event.object_type} {event.object_id}".strip(),
        summary=event.summary,
    )


def render_csv(rows: list[AccessRow]) -> bytes:
    """`;`-separated UTF-8 with BOM, what a Swedish Excel opens directly."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([neutralise_formula(cell) for cell in row.cells()])
    return (BOM + text.getvalue()).encode("utf-8")


def render_xlsx(rows: list[AccessRow], *, title: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet("Åtkomstlogg")
    sheet.write_string(0, 0, neutralise_formula(title), bold)
    for col, name in enumerate(HEADERS):
        sheet.write_string(2, col, name, bold)
    for r, row in enumerate(rows, start=3):
        for col, cell in enumerate(row.cells()):
            sheet.write_string(r, col, neutralise_formula(cell))
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 6, 18)
    sheet.set_column(7, 7, 50)
    workbook.close()
    return buffer.getvalue()
