"""Writing audit events. Every service function that writes calls audit_record inside its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from insatskollen.audit.models import AuditAction, AuditEvent


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
    return AuditEvent.objects.create(
        actor=real_actor,
        actor_name=getattr(real_actor, "username", "") or (str(actor) if isinstance(actor, str) else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_id=client_id,
        summary=summary[:300],
        detail=detail or {},
    )


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
    ("who has read this person's records") finds every read. Written in one insert; returns how many."""
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    name = getattr(real_actor, "username", "") or (str(actor) if isinstance(actor, str) else "system")
    events = [
        AuditEvent(actor=real_actor, actor_name=name, action=action, object_type=object_type,
                   object_id=str(client_id), client_id=client_id, summary=summary[:300], detail=detail or {})
        for client_id in dict.fromkeys(client_ids)
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(events)
