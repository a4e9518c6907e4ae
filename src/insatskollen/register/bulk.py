"""Writing many decisions with their whole history at once: the bulk twin of decision_create/decision_change.

`decisions_bulk_load` gives each decision exactly the history the service functions would give it had they been
called one event at a time: version 1 "created" with every non-empty field as [None, value], then one version per
event that changes something ("ended" when only the end date changes), each with its `known_at`, its `valid_from`,
whether it was a correction of a closed month, and the decision's terms in time (`DecisionTerm`), opened and closed
at the events' moments. The plan of each change is `register.services.plan_change`, the same function the services
use. It differs in three ways, for speed: it writes with bulk_create, it records one audit event for the whole load
(by default AuditAction.DEMO_SEEDED) instead of one per decision, and it checks field values without database
queries (external ids are checked in one query). The demo seeding uses it; anything that writes a handful of
decisions should call the services.
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
from django.utils import timezone

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register import timeline as tl
from insatskollen.register.models import (
    VERSIONED_FIELDS,
    ChangeEvent,
    ChangeKind,
    Client,
    Decision,
    DecisionTerm,
    DecisionVersion,
)
from insatskollen.register.periods import Closings, has_ended, is_correction
from insatskollen.register.services import (
    ensure_may_change_client,
    json_value,
    normalise_value,
    is_an_end,
    plan_change,
    term_row,
)
from insatskollen.register.validation import decision_field_errors

BATCH = 1000
FOREIGN_KEYS = ("client", "intervention_type", "provider", "contract", "caseworker")


@dataclass(frozen=True)
class DecisionChange:
    """An event in a decision's life: the new values of some versioned fields, known from `known_at`; changed terms
    take effect from `valid_from` (default: the day it became known, as in decision_change)."""

    known_at: dt.datetime
    changes: dict[str, Any]
    valid_from: dt.date | None = None
    event: str = ChangeEvent.CHANGE
    note: str = ""


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
    terms: int = 0
    corrections: int = 0
    ids: list[int] = field(default_factory=list)


def _acting_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _errors(index: int, item: DecisionHistory, messages: dict[str, str]) -> ValidationError:
    label = item.external_id or f"rad {index + 1}"
    return ValidationError({name: f"{label}: {message}" for name, message in messages.items()})


def _built(index: int, item: DecisionHistory, source: str, user, closings: Closings
           ) -> tuple[Decision, list[DecisionVersion], list[tuple[tl.Segment, dt.datetime, dt.datetime | None]]]:
    """The decision's final state, its versions and its term periods (segment, known from, known to)."""
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
    timeline = tl.timeline_create(state["start_date"], state["end_date"], {f: state[f] for f in tl.TERM_FIELDS})
    start_through = closings.through_at(item.known_at)
    versions = [DecisionVersion(
        number=1, kind=ChangeKind.CREATED, source=source, known_at=item.known_at, changed_by=user, changes=created,
        valid_from=state["start_date"], affects_from=state["start_date"],
        is_correction=is_correction(state["start_date"], start_through), **state)]
    open_since = {segment: item.known_at for segment in timeline}
    periods: list[tuple[tl.Segment, dt.datetime, dt.datetime | None]] = []
    for change in item.changes:
        known_day = timezone.localtime(change.known_at).date()
        was_ended = has_ended(state["end_date"], known_day)
        try:
            plan = plan_change(state, timeline, change.changes, valid_from=change.valid_from, known_day=known_day)
        except ValidationError as error:
            raise _errors(index, item, {k: " ".join(v) for k, v in error.message_dict.items()}) from None
        if plan is None:
            continue
        closed, opened = tl.diff(timeline, plan.timeline)
        for segment in closed:
            periods.append((segment, open_since.pop(segment), change.known_at))
        for segment in opened:
            open_since[segment] = change.known_at
        timeline, state = plan.timeline, plan.state
        through = closings.through_at(change.known_at)
        correction = was_ended or is_correction(plan.affects_from, through)
        ended = is_an_end(plan.diff, state["end_date"])
        versions.append(DecisionVersion(
            number=len(versions) + 1, kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=source,
            known_at=change.known_at, changed_by=user, changes=plan.diff, valid_from=plan.valid_from,
            affects_from=plan.affects_from, is_correction=correction, note=change.note, event=change.event,
            **state))
    periods += [(segment, since, None) for segment, since in open_since.items()]
    for name, value in state.items():
        setattr(decision, name, value)
    decision.version = len(versions)
    decision.terms_from = timeline[-1].valid_from
    return decision, versions, periods


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
    summary: str = "", progress: Callable[[int, int], None] | None = None, closings: Closings = Closings(),
) -> BulkLoadResult:
    """Write `items` with their histories in one transaction and one audit event. All or nothing."""
    _check_access(actor, items)
    _check_external_ids(items)
    user = _acting_user(actor)
    result = BulkLoadResult()
    for start in range(0, len(items), BATCH):
        chunk = items[start:start + BATCH]
        built = [_built(start + offset, item, source, user, closings) for offset, item in enumerate(chunk)]
        decisions = Decision.objects.bulk_create([decision for decision, _, _ in built], batch_size=BATCH)
        versions, terms = [], []
        for decision, decision_versions, periods in built:
            for version in decision_versions:
                version.decision_id = decision.pk
            versions += decision_versions
            for segment, known_from, known_to in periods:
                row = term_row(decision.pk, segment, known_from)
                row.known_to = known_to
                terms.append(row)
        DecisionVersion.objects.bulk_create(versions, batch_size=BATCH * 2)
        DecisionTerm.objects.bulk_create(terms, batch_size=BATCH * 2)
        result.decisions += len(decisions)
        result.versions += len(versions)
        result.terms += len(terms)
        result.corrections += sum(v.is_correction for v in versions)
        result.ids += [decision.pk for decision in decisions]
        if progress:
            progress(result.decisions, len(items))
    audit_record(actor=actor, action=action, object_type="decision",
                 summary=summary or f"{result.decisions} beslut med {result.versions} versioner",
                 detail={"source": source, "decisions": result.decisions, "versions": result.versions,
                         "corrections": result.corrections})
    return result
