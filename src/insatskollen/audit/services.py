"""Writing audit events. Every service function that writes calls audit_record inside its transaction."""

from __future__ import annotations

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
