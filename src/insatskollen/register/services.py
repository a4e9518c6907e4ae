"""Writes to the register. Each function owns its transaction, records the decision's history and the audit event.

The web UI, the API, the importer, the demo and the commands all call these.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.identity import parse_personal_number
from insatskollen.register.models import (
    VERSIONED_FIELDS,
    ChangeKind,
    ChangeSource,
    Client,
    Decision,
    DecisionVersion,
)
from insatskollen.register.validation import decision_field_errors


def start_of_day(day: dt.date) -> dt.datetime:
    """The moment a day begins in Stockholm: when a decision taken that day became known."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _acting_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def ensure_may_change_client(actor, client: Client) -> None:
    user = _acting_user(actor)
    if user is None:  # the system itself: commands, imports and the demo
        return
    if not access.may_change_decisions(user):
        raise PermissionDenied("Din roll får inte ändra beslut.")
    visible = access.team_ids_visible(user)
    if visible is not None and client.team_id not in visible:
        raise PermissionDenied("Klienten tillhör ett annat team.")


def client_get_or_create(*, personal_number: str, actor, team=None) -> tuple[Client, bool]:
    digits = parse_personal_number(personal_number).digits
    with transaction.atomic():
        client, created = Client.objects.get_or_create(personal_number=digits, defaults={"team": team})
        if created:
            audit_record(actor=actor, action=AuditAction.CLIENT_CREATED, object_type="client",
                         object_id=client.pk, client_id=client.pk, summary=client.masked_personal_number)
    return client, created


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def normalise_value(field: str, value: Any) -> Any:
    """Values as the database keeps them, so that equal values compare equal."""
    if value is None:
        return None
    if field == "extent":
        return Decimal(value).quantize(Decimal("0.0001"))
    if field in ("price", "revenue_per_unit"):
        return Decimal(value).quantize(Decimal("0.01"))
    if field == "ifo_share_pct":
        return Decimal(value or 0).quantize(Decimal("0.01"))
    if field in ("level", "revenue_source", "comment") and value is None:
        return ""
    return value


def _version_from(decision: Decision, *, number: int, kind: str, source: str, known_at, actor, changes) -> DecisionVersion:
    state = {field: getattr(decision, field) for field in VERSIONED_FIELDS}
    return DecisionVersion(
        decision=decision, number=number, kind=kind, source=source, known_at=known_at,
        changed_by=_acting_user(actor), changes=changes, **state,
    )


def _check(fields: dict[str, Any]) -> None:
    errors = decision_field_errors(fields)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_create(
    *, actor, source: str = ChangeSource.UI, known_at: dt.datetime | None = None, **fields: Any
) -> Decision:
    """Register a new decision. `known_at` defaults to now (an edit in the UI is known when it is made)."""
    fields.setdefault("ifo_share_pct", Decimal(0))
    fields = {k: normalise_value(k, v) for k, v in fields.items()}
    _check(fields)
    decision = Decision(**fields)
    ensure_may_change_client(actor, decision.client)
    decision.full_clean(exclude=["caseworker", "client", "intervention_type", "provider", "contract"])
    decision.save()
    when = known_at or timezone.now()
    changes = {f: [None, json_value(getattr(decision, f))] for f in VERSIONED_FIELDS
               if getattr(decision, f) not in (None, "")}
    _version_from(decision, number=1, kind=ChangeKind.CREATED, source=source, known_at=when,
                  actor=actor, changes=changes).save()
    audit_record(actor=actor, action=AuditAction.DECISION_CREATED, object_type="decision", object_id=decision.pk,
                 client_id=decision.client_id, summary=f"{decision.label} {decision.intervention_type.code}",
                 detail={"source": source, "changes": changes})
    return decision


@transaction.atomic
def decision_change(
    *, decision: Decision, actor, source: str = ChangeSource.UI, known_at: dt.datetime | None = None,
    **changes: Any,
) -> DecisionVersion | None:
    """Change a decision's fields; record a version with before and after. None when nothing changed."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    ensure_may_change_client(actor, decision.client)
    diff: dict[str, list[Any]] = {}
    for field, value in changes.items():
        value = normalise_value(field, value)
        if field in ("level", "revenue_source", "comment") and value is None:
            value = ""
        before = getattr(decision, field)
        if before != value:
            diff[field] = [json_value(before), json_value(value)]
            setattr(decision, field, value)
    if not diff:
        return None
    _check({f: getattr(decision, f) for f in VERSIONED_FIELDS})
    decision.save()
    ended = list(diff) == ["end_date"] and decision.end_date is not None
    last = decision.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _version_from(
        decision, number=last + 1, kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=source,
        known_at=known_at or timezone.now(), actor=actor, changes=diff,
    )
    version.save()
    audit_record(
        actor=actor, action=AuditAction.DECISION_ENDED if ended else AuditAction.DECISION_CHANGED,
        object_type="decision", object_id=decision.pk, client_id=decision.client_id,
        summary=f"{decision.label}: " + ", ".join(diff), detail={"source": source, "changes": diff},
    )
    return version


def decision_end(
    *, decision: Decision, end_date: dt.date, actor, source: str = ChangeSource.UI,
    known_at: dt.datetime | None = None,
) -> DecisionVersion | None:
    """End a decision on `end_date` (its last day)."""
    return decision_change(decision=decision, actor=actor, source=source, known_at=known_at, end_date=end_date)
