"""Writing audit events. Every service function that writes calls audit_record inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from insatskollen.audit import chain
from insatskollen.audit.models import AuditAction, AuditEvent

# "the audit log's chain": a transaction-scoped advisory lock on PostgreSQL, shared by every process.
CHAIN_LOCK_KEY = 0x1B5A7_A0D1


def chain_lock() -> None:
    """Serialise appends to the chain until the current transaction ends.

    PostgreSQL: an advisory lock (the runtime role may take it; LOCK TABLE would need UPDATE/DELETE rights). The row
    is inserted after the lock is taken, so ids follow the chain's order. SQLite: every transaction is BEGIN
    IMMEDIATE (settings), so the database's write lock already serialises the appends.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def audit_record(
    *,
    actor,
    action: AuditAction,
    object_type: str = "",
    object_id: str | int = "",
    client_id: int | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        actor=real_actor,
        actor_name=getattr(real_actor, "username", "") or (str(actor) if isinstance(actor, str) else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_id=client_id,
        summary=summary[:300],
        # stored as the database will give it back, so that the hash reads the same row later
        detail=json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder)),
    )
    with transaction.atomic(savepoint=False):  # inside the caller's transaction if there is one: no savepoint
        chain_lock()
        event.at = timezone.now()
        event.prev_hash = (AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
                           or chain.GENESIS)
        event.row_hash = chain.row_hash(event.prev_hash, chain_row(event), settings.AUDIT_CHAIN_KEY)
        event.save(force_insert=True)
    return event


def chain_row(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in chain.FIELDS}
