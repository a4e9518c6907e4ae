"""Writing audit events. Every service function that writes calls audit_record inside its transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
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


def _actor(actor) -> tuple[Any, str]:
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    return real_actor, getattr(real_actor, "username", "") or (str(actor) if isinstance(actor, str) else "system")


def _append(events: list[AuditEvent]) -> None:
    """Chain `events` after the log's last row and insert them in that order, under the chain's lock."""
    with transaction.atomic(savepoint=False):  # inside the caller's transaction if there is one: no savepoint
        chain_lock()
        previous = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or chain.GENESIS
        at = timezone.now()
        for event in events:
            event.at = at
            event.prev_hash = previous
            event.row_hash = previous = chain.row_hash(previous, chain_row(event), settings.AUDIT_CHAIN_KEY)
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            AuditEvent.objects.bulk_create(events, batch_size=500)  # one INSERT per batch, ids in list order


def audit_record_reads(
    *,
    actor,
    client_ids: Iterable[int],
    action: AuditAction = AuditAction.CLIENT_LISTED,
    object_type: str = "client",
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> int:
    """One event per client whose personal data a list, search or report showed, so that the follow-up per client
    ("who has read this person's records") finds every read. Chained and written in one insert; returns how many."""
    real_actor, name = _actor(actor)
    stored = json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))
    events = [
        AuditEvent(actor=real_actor, actor_name=name, action=action, object_type=object_type,
                   object_id=str(client_id), client_id=client_id, summary=summary[:300], detail=stored)
        for client_id in dict.fromkeys(client_ids)
    ]
    if events:
        _append(events)
    return len(events)


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
    real_actor, name = _actor(actor)
    event = AuditEvent(
        actor=real_actor,
        actor_name=name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_id=client_id,
        summary=summary[:300],
        # stored as the database will give it back, so that the hash reads the same row later
        detail=json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder)),
    )
    _append([event])
    return event


def chain_row(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in chain.FIELDS}
