"""The canonical columns of the register file (formats.md §1) and how a file's headers map onto them. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from insatskollen.core.tabular import normalise_header


@dataclass(frozen=True)
class Column:
    header: str  # the canonical header, as written in formats.md and in our exports
    field: str  # the parsed row's attribute
    required: bool = False


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
)
BY_FIELD = {c.field: c for c in REGISTER_COLUMNS}


@dataclass
class ColumnMapping:
    """Which position in the file holds each canonical field, and what the file called it."""

    positions: dict[str, int]  # field → column index
    headers: dict[str, str]  # field → header as the file wrote it
    ignored: list[str]  # the file's extra headers
    missing: list[str]  # canonical headers of required columns the file lacks


def map_columns(header: list[str], profile: dict[str, str] | None = None) -> ColumnMapping:
    """Map a file's header row onto the canonical columns.

    `profile` maps canonical header → the file's header for layouts other than the canonical one; columns
    the profile does not name are looked for under their canonical names.
    """
    by_normalised: dict[str, int] = {}
    for index, name in enumerate(header):
        key = normalise_header(name)
        if key and key not in by_normalised:
            by_normalised[key] = index
    wanted = {normalise_header(c.header): c for c in REGISTER_COLUMNS}
    if profile:
        for canonical, theirs in profile.items():
            column = wanted.pop(normalise_header(canonical), None)
            if column is not None:
                wanted[normalise_header(theirs)] = column
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    for key, column in wanted.items():
        if key in by_normalised:
            positions[column.field] = by_normalised[key]
            headers[column.field] = header[by_normalised[key]]
    used = set(positions.values())
    ignored = [h for i, h in enumerate(header) if i not in used and str(h).strip()]
    missing = [c.header for c in REGISTER_COLUMNS if c.required and c.field not in positions]
    return ColumnMapping(positions=positions, headers=headers, ignored=ignored, missing=missing)
