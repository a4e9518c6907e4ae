"""The canonical columns of the register file (formats.md §1) and how a file's headers map onto them. Pure."""

from __future__ import annotations

from insatskollen.core.importing import Column, ColumnMapping
from insatskollen.core.importing import map_columns as map_to_columns

REGISTER_COLUMNS: tuple[Column, ...] = (
    Column("Beslut-id", "external_id"),
    Column("Personnummer", "personal_number", True),
    Column("Handläggare", "caseworker", True),
    Column("Insatskod", "code", True),
    Column("Insats", "intervention_name"),
    Column("Lag", "law", True),
    Column("Omfattning", "extent", True),
    Column("Enhet", "unit", True),
    Column("Pris", "price", True),
    Column("Utförare", "provider", True),
    Column("Utförare orgnr", "provider_org_number"),
    Column("Utförartyp", "provider_kind"),
    Column("Avtal", "contract"),
    Column("Avtal till", "contract_valid_to"),
    Column("Beslutsdatum", "decision_date", True),
    Column("Startdatum", "start_date", True),
    Column("Slutdatum", "end_date"),
    Column("Omprövningsdatum", "last_review_date"),
    Column("Nivå", "level"),
    Column("IFO-andel %", "ifo_share_pct"),
    Column("Intäkt per enhet", "revenue_per_unit"),
    Column("Intäktskälla", "revenue_source"),
    Column("Kommentar", "comment"),
    Column("Gäller från", "valid_from"),
)
BY_FIELD = {c.field: c for c in REGISTER_COLUMNS}


def map_columns(header: list[str], profile: dict[str, str] | None = None, *, header_row: int = 1) -> ColumnMapping:
    """Map a file's header row onto the register's columns (see core.importing.map_columns)."""
    return map_to_columns(header, REGISTER_COLUMNS, profile, header_row=header_row)
