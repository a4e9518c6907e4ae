"""Writing many decisions with their whole history at once: the bulk twin of decision_create/decision_change.

`decisions_bulk_load` gives each decision exactly the history the service functions would give it had
they been called one event at a time (version 1 "created" with every non-empty field as [None, value], then
one version per event that changes something, "ended" when only the end date changes, each with its
`known_at`), and checks the same rules. It differs in three ways, for speed: it writes with bulk_create,
it records one audit event for the whole load (by default AuditAction.DEMO_SEEDED) instead of one per
decision, and it checks field values without database queries (external ids are checked in one query).
The demo seeding uses it; anything that writes a handful of decisions should call the services.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.models import VERSIONED_FIELDS, ChangeKind, Client, Decision, DecisionVersion
from insatskollen.register.services import ensure_may_change_client, json_value, normalise_value
from insatskollen.register.validation import decision_field_errors

BATCH = 1000
TEXT_FIELDS = ("level", "revenue_source", "comment")
FOREIGN_KEYS = ("client", "intervention_type", "provider", "contract", "caseworker")


@dataclass(frozen=True)
class DecisionChange:
    """An event in a decision's life: the new values of some versioned fields, known from `known_at`."""

    known_at: dt.datetime
    changes: dict[str, Any]


@dataclass(frozen=True)
class DecisionHistory:
    """A decision as first registered (`fields`: client_id and the VERSIONED_FIELDS, FKs as *_id) and its events
    in the order they happened."""

    client_id: int
    known_at: dt.datetime
    fields: dict[str, Any]
    changes: Sequence[DecisionChange] = ()
    external_id: str | None = None


@dataclass
class BulkLoadResult:
    decisions: int = 0
    versions: int = 0
    ids: list[int] = field(default_factory=list)


def _acting_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _normalised(name: str, value: Any) -> Any:
    value = normalise_value(name, value)
    return "" if value is None and name in TEXT_FIELDS else value


def _errors(index: int, item: DecisionHistory, messages: dict[str, str]) -> ValidationError:
    label = item.external_id or f"rad {index + 1}"
    return ValidationError({name: f"{label}: {message}" for name, message in messages.items()})


def _versions_of(index: int, item: DecisionHistory, source: str, user) -> tuple[Decision, list[DecisionVersion]]:
    """The decision's final state and its versions, exactly as decision_create + decision_change would make them."""
    initial = {"ifo_share_pct": Decimal(0), **item.fields}
    initial = {name: normalise_value(name, value) for name, value in initial.items()}
    messages = decision_field_errors(initial)
    if messages:
        raise _errors(index, item, messages)
    decision = Decision(external_id=item.external_id, client_id=item.client_id, **initial)
    try:
        decision.clean_fields(exclude=[*FOREIGN_KEYS, "external_id"])
    except ValidationError as error:
        raise _errors(index, item, {k: " ".join(v) for k, v in error.message_dict.items()}) from None
    state = {name: getattr(decision, name) for name in VERSIONED_FIELDS}
    created = {name: [None, json_value(value)] for name, value in state.items() if value not in (None, "")}
    versions = [DecisionVersion(number=1, kind=ChangeKind.CREATED, source=source, known_at=item.known_at,
                                changed_by=user, changes=created, **state)]
    for change in item.changes:
        diff: dict[str, list[Any]] = {}
        for name, value in change.changes.items():
            if name not in VERSIONED_FIELDS:
                raise ValueError(f"{name} is not a versioned decision field")
            value = _normalised(name, value)
            if state[name] != value:
                diff[name] = [json_value(state[name]), json_value(value)]
                state[name] = value
        if not diff:
            continue
        messages = decision_field_errors(state)
        if messages:
            raise _errors(index, item, messages)
        ended = list(diff) == ["end_date"] and state["end_date"] is not None
        versions.append(DecisionVersion(
            number=len(versions) + 1, kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=source,
            known_at=change.known_at, changed_by=user, changes=diff, **state))
    for name, value in state.items():
        setattr(decision, name, value)
    return decision, versions


def _check_access(actor, items: Sequence[DecisionHistory]) -> None:
    if _acting_user(actor) is None:
        return
    for client in Client.objects.filter(pk__in={item.client_id for item in items}):
        ensure_may_change_client(actor, client)


def _check_external_ids(items: Sequence[DecisionHistory]) -> None:
    ids = [item.external_id for item in items if item.external_id]
    duplicates = {external_id for external_id, count in Counter(ids).items() if count > 1}
    taken = []
    for start in range(0, len(ids), 900):
        taken += Decision.objects.filter(external_id__in=ids[start:start + 900]).values_list("external_id", flat=True)
    if duplicates or taken:
        raise ValidationError({"external_id": "Beslut-id finns redan: " + ", ".join(sorted({*duplicates, *taken})[:10])})


@transaction.atomic
def decisions_bulk_load(
    *, items: Sequence[DecisionHistory], actor, source: str, action: AuditAction = AuditAction.DEMO_SEEDED,
    summary: str = "", progress: Callable[[int, int], None] | None = None,
) -> BulkLoadResult:
    """Write `items` with their histories in one transaction and one audit event. All or nothing."""
    _check_access(actor, items)
    _check_external_ids(items)
    user = _acting_user(actor)
    result = BulkLoadResult()
    for start in range(0, len(items), BATCH):
        chunk = items[start:start + BATCH]
        built = [_versions_of(start + offset, item, source, user) for offset, item in enumerate(chunk)]
        decisions = Decision.objects.bulk_create([decision for decision, _ in built], batch_size=BATCH)
        versions = []
        for decision, decision_versions in built:
            for version in decision_versions:
                version.decision_id = decision.pk
            versions += decision_versions
        DecisionVersion.objects.bulk_create(versions, batch_size=BATCH * 2)
        result.decisions += len(decisions)
        result.versions += len(versions)
        result.ids += [decision.pk for decision in decisions]
        if progress:
            progress(result.decisions, len(items))
    audit_record(actor=actor, action=action, object_type="decision",
                 summary=summary or f"{result.decisions} beslut med {result.versions} versioner",
                 detail={"source": source, "decisions": result.decisions, "versions": result.versions})
    return result
