"""Reading the audit log back and checking its hash chain (`insatskollen verify_audit`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from insatskollen.audit import chain
from insatskollen.audit.models import AuditEvent

COLUMNS = ("id", "prev_hash", "row_hash", *chain.FIELDS)


def audit_verify(*, checkpoint: tuple[int, str] | None = None, chunk_size: int = 2000) -> chain.Verification:
    """Walk the whole log in id order (streamed) and name its first broken row, if any."""
    rows = AuditEvent.objects.order_by("id").values(*COLUMNS).iterator(chunk_size=chunk_size)
    return chain.verify(
        rows, key=settings.AUDIT_CHAIN_KEY, checkpoint=checkpoint,
        find_by_hash=lambda value: AuditEvent.objects.filter(row_hash=value).values_list("id", flat=True).first(),
        first_id_after=lambda row_id: (AuditEvent.objects.filter(id__gt=row_id).order_by("id")
                                       .values_list("id", flat=True).first()),
    )


def checkpoint_read(path: Path) -> tuple[int, str] | None:
    """The head recorded by the last successful check (None before the first)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return int(data["id"]), str(data["hash"])


def checkpoint_write(path: Path, result: chain.Verification) -> None:
    if result.head_id is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": result.head_id, "hash": result.head_hash, "rows": result.rows}) + "\n")
