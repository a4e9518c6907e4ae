"""What the ledger and budget imports share: who may import, reading the file safely, and refusing it whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import Column, RowError, header_names, map_columns
from insatskollen.core.tabular import Table, UnreadableFile, read_table
from insatskollen.ledger.importing.result import FileImportResult


def check_actor(actor, rule) -> None:
    """A person (not a command or the system) must be allowed by `rule` from accounts.access."""
    if getattr(actor, "is_authenticated", False) and not rule(actor):
        raise PermissionDenied


def refuse_file(*, actor, kind: str, action: AuditAction, name: str, errors: list[RowError],
                rows: int = 0) -> FileImportResult:
    """The file is refused whole: one audit event, and the errors for the user."""
    audit_record(actor=actor, action=action, object_type=f"{kind} file", object_id=name[:64],
                 summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return FileImportResult(status="refused", kind=kind, errors=errors, file_name=name, rows=rows)


def import_file(path: str | Path, *, actor, file_name: str | None, columns: Iterable[Column],
                refused: Callable[[str, list[RowError]], FileImportResult],
                import_table: Callable[[Table], FileImportResult]) -> FileImportResult:
    """Check the actor, read the file (size-limited, safely), then hand its table to `import_table`; a file that
    cannot be read is `refused(name, errors)`."""
    check_actor(actor, access.may_import_ledger)
    name = file_name or Path(path).name
    try:
        names, required = header_names(columns)
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names,
                           required=required)
    except UnreadableFile as exc:
        return refused(name, [RowError(0, "", name, str(exc))])
    result = import_table(table)
    result.read_from(table, map_columns(table.header, columns, header_row=table.header_row))
    return result
