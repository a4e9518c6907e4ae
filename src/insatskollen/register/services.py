"""Writes to the register. Each function owns its transaction, records the decision's history, its terms in time
and the audit event. The web UI, the API, the importer, the demo and the commands all call these.

Every write names its date: a change of terms takes effect from `valid_from` (default: the day it becomes known)
and never alters a day before it (see `register.timeline`). A change whose first affected day lies in a closed month
is a retroactive correction: only the unit head, an admin or the system may make one, with a reason. An ended
decision is read-only except for such an explicit correction. A write that names the version it was based on
(`expected_version`) is refused when the decision has changed since (`DecisionChangedMeanwhile`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.identity import parse_personal_number
from insatskollen.register import timeline as tl
from insatskollen.register.models import (
    VERSIONED_FIELDS,
    ChangeEvent,
    ChangeKind,
    ChangeSource,
    Client,
    Decision,
    DecisionTerm,
    DecisionVersion,
)
from insatskollen.register.periods import closed_through, has_ended, is_correction
from insatskollen.register.validation import decision_field_errors

TEXT_FIELDS = ("level", "revenue_source", "comment")


def start_of_day(day: dt.date) -> dt.datetime:
    """The moment a day begins in Stockholm: when a decision taken that day became known."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _acting_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


class DecisionChangedMeanwhile(Exception):
    """The write was based on an older version of the decision. Nothing was changed.

    `versions` are the changes made since the version the writer had read, oldest first."""

    def __init__(self, decision: Decision, expected: int, versions: list[DecisionVersion]):
        self.decision, self.expected, self.versions = decision, expected, versions
        names = ", ".join(sorted({(v.changed_by.display_name if v.changed_by_id else "systemet") for v in versions}))
        super().__init__(
            f"Beslut {decision.label} har ändrats sedan du öppnade det (version {expected} → {decision.version}"
            f"{', av ' + names if names else ''}). Inget sparades. Kontrollera ändringarna och spara igen.")


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
        return "" if field in TEXT_FIELDS else None
    if field == "extent":
        return Decimal(value).quantize(Decimal("0.0001"))
    if field in ("price", "revenue_per_unit"):
        return Decimal(value).quantize(Decimal("0.01"))
    if field == "ifo_share_pct":
        return Decimal(value or 0).quantize(Decimal("0.01"))
    return value


# --- terms in time -------------------------------------------------------------------------------------------

def terms_of(decision: Decision) -> dict[str, Any]:
    return {name: getattr(decision, name) for name in tl.TERM_FIELDS}


def _segment_of(row: DecisionTerm) -> tl.Segment:
    return tl.Segment(row.valid_from, row.valid_to, tl.terms_tuple({
        name: normalise_value(name, getattr(row, name)) for name in tl.TERM_FIELDS}))


def current_term_rows(decision_id: int) -> list[DecisionTerm]:
    return list(DecisionTerm.objects.filter(decision_id=decision_id, known_to__isnull=True).order_by("valid_from"))


def decision_timeline(decision_id: int) -> tl.Timeline:
    """The decision's terms over time as the register holds them now."""
    return tuple(_segment_of(row) for row in current_term_rows(decision_id))


def term_row(decision_id: int, segment: tl.Segment, known_from: dt.datetime) -> DecisionTerm:
    return DecisionTerm(decision_id=decision_id, valid_from=segment.valid_from, valid_to=segment.valid_to,
                        known_from=known_from, **segment.as_dict())


def _write_timeline(decision: Decision, rows: list[DecisionTerm], new: tl.Timeline, when: dt.datetime) -> None:
    """Close the rows no longer true and insert the new ones, both at `when`."""
    by_segment = {_segment_of(row): row for row in rows}
    closed, opened = tl.diff(list(by_segment), list(new))
    if any(row.known_from > when for row in rows):
        raise ValidationError(
            f"Beslut {decision.label} har ändringar som blev kända efter {timezone.localtime(when):%Y-%m-%d %H:%M}. "
            "En ändring kan inte registreras som känd före dem.")
    if closed:
        DecisionTerm.objects.filter(pk__in=[by_segment[s].pk for s in closed]).update(known_to=when)
    DecisionTerm.objects.bulk_create([term_row(decision.pk, s, when) for s in opened])


def new_timeline(timeline: tl.Timeline, *, start: dt.date, end: dt.date | None, valid_from: dt.date | None,
                 term_changes: dict[str, Any], until_next_change: bool = False) -> tl.Timeline:
    """The timeline after a write: bounds first (a moved start or end), then the terms from `valid_from`."""
    result = tl.with_bounds(timeline, start, end)
    if term_changes:
        result = tl.with_terms(result, valid_from, term_changes, until_next_change=until_next_change)
    return result


# --- rules ---------------------------------------------------------------------------------------------------

def _check(fields: dict[str, Any]) -> None:
    errors = decision_field_errors(fields)
    if errors:
        raise ValidationError(errors)


def correction_rules(*, actor, decision: Decision | None, affects_from: dt.date | None, reason: str,
                     field: str, through: dt.date | None = None, ended: bool = False) -> bool:
    """Whether the write is a retroactive correction; raises when the actor may not make it as asked.

    A correction is a write whose first affected day lies in a closed month, or any write to an ended decision
    (`ended`: it had ended before the write). Only the unit head, admins and the system may make one, and a user
    must give the reason."""
    closed = is_correction(affects_from, through)
    if not (ended or closed):
        return False
    user = _acting_user(actor)
    if user is None:
        return True
    if not access.may_correct_register(user):
        if closed:
            raise ValidationError({field: (
                f"Ändringen påverkar {affects_from:%Y-%m-%d}, i en stängd månad (t.o.m. {through:%Y-%m-%d}). "
                "Ändringar i stängda månader är rättelser som bara sektionschefen gör. Välj ett datum efter "
                f"{through:%Y-%m-%d} eller be sektionschefen om en rättelse.")})
        raise PermissionDenied(
            f"Beslut {decision.label} upphörde {decision.end_date:%Y-%m-%d} och kan inte ändras. "
            "Bara sektionschefen kan göra en rättelse.")
    if not (reason or "").strip():
        what = "påverkar en stängd månad" if closed else "gäller ett beslut som har upphört"
        raise ValidationError({"reason": f"Ändringen {what} och är en rättelse: skriv skälet till rättelsen."})
    return True


def _next_version(decision: Decision, *, kind: str, source: str, known_at, actor, changes, valid_from,
                  affects_from, correction: bool, note: str, event: str) -> DecisionVersion:
    state = {field: getattr(decision, field) for field in VERSIONED_FIELDS}
    return DecisionVersion(
        decision=decision, number=decision.version, kind=kind, source=source, known_at=known_at,
        changed_by=_acting_user(actor), changes=changes, valid_from=valid_from, affects_from=affects_from,
        is_correction=correction, note=(note or "").strip(), event=event, **state)


# --- writes --------------------------------------------------------------------------------------------------

@transaction.atomic
def decision_create(
    *, actor, source: str = ChangeSource.UI, known_at: dt.datetime | None = None, reason: str = "",
    **fields: Any,
) -> Decision:
    """Register a new decision; its terms apply from its start date. `known_at` defaults to now (an edit in the UI
    is known when it is made). A decision starting in a closed month is a correction (see `correction_rules`)."""
    fields.setdefault("ifo_share_pct", Decimal(0))
    fields = {k: normalise_value(k, v) for k, v in fields.items()}
    _check(fields)
    decision = Decision(**fields)
    ensure_may_change_client(actor, decision.client)
    decision.full_clean(exclude=["caseworker", "client", "intervention_type", "provider", "contract"])
    when = known_at or timezone.now()
    correction = correction_rules(actor=actor, decision=None, affects_from=decision.start_date, reason=reason,
                                  field="start_date", through=closed_through(when))
    decision.version = 1
    decision.terms_from = decision.start_date
    decision.save()
    timeline = tl.timeline_create(decision.start_date, decision.end_date, terms_of(decision))
    _write_timeline(decision, [], timeline, when)
    changes = {f: [None, json_value(getattr(decision, f))] for f in VERSIONED_FIELDS
               if getattr(decision, f) not in (None, "")}
    _next_version(decision, kind=ChangeKind.CREATED, source=source, known_at=when, actor=actor, changes=changes,
                  valid_from=decision.start_date, affects_from=decision.start_date, correction=correction,
                  note=reason, event=ChangeEvent.CHANGE).save()
    audit_record(actor=actor, action=AuditAction.DECISION_CREATED, object_type="decision", object_id=decision.pk,
                 client_id=decision.client_id, summary=f"{decision.label} {decision.intervention_type.code}",
                 detail={"source": source, "changes": changes, "correction": correction,
                         **({"reason": reason.strip()} if correction else {})})
    return decision


def ensure_version(decision: Decision, expected_version: int | None) -> None:
    """Refuse a write based on an older version of `decision` (DecisionChangedMeanwhile, with the changes since)."""
    if expected_version is None or decision.version == expected_version:
        return
    versions = list(decision.versions.filter(number__gt=expected_version).select_related("changed_by")
                    .order_by("number"))
    raise DecisionChangedMeanwhile(decision, expected_version, versions)


@dataclass
class PlannedChange:
    """What a change does to a decision: the fields that change (before → after, terms compared with the terms in
    effect on their date), the terms that change from `valid_from`, the new timeline, its first affected day and
    the decision's versioned fields afterwards (terms: the latest)."""

    diff: dict[str, list[Any]]
    term_changes: dict[str, Any]
    valid_from: dt.date | None
    timeline: tl.Timeline
    affects_from: dt.date | None
    state: dict[str, Any]


def plan_change(state: dict[str, Any], timeline: tl.Timeline, changes: dict[str, Any], *,
                valid_from: dt.date | None, known_day: dt.date, until_next_change: bool = False
                ) -> PlannedChange | None:
    """The pure part of `decision_change`, shared with the bulk loader. None when nothing changes.

    `state`: the decision's VERSIONED_FIELDS now; `timeline`: its terms over time now. A term given in `changes` is
    written when it differs from the terms in effect on `valid_from` or from the latest terms (so a change also
    replaces a later change of the same term). With `until_next_change` a term holds only until its next registered
    change, which stays (an indexation, a renegotiation). Raises ValidationError with Swedish messages."""
    state = dict(state)
    diff: dict[str, list[Any]] = {}
    for field, value in changes.items():
        if field in tl.TERM_FIELDS:
            continue
        if field not in VERSIONED_FIELDS:
            raise ValueError(f"{field} is not a versioned decision field")
        value = normalise_value(field, value)
        if state[field] != value:
            diff[field] = [json_value(state[field]), json_value(value)]
            state[field] = value
    start, end = state["start_date"], state["end_date"]
    offered = {f: normalise_value(f, v) for f, v in changes.items() if f in tl.TERM_FIELDS}
    term_changes: dict[str, Any] = {}
    if offered:
        if valid_from is None:
            valid_from = max(known_day, start)
        if any(f in tl.DATED_TERMS for f in offered):
            message = tl.check_valid_from(valid_from, start, end)
            if message:
                raise ValidationError({"valid_from": message})
        try:
            bounded = tl.with_bounds(timeline, start, end)
        except tl.TimelineError as error:
            raise ValidationError({"end_date": str(error)}) from None
        in_effect = tl.terms_on(bounded, valid_from) or tl.latest_terms(bounded)
        latest = tl.latest_terms(bounded)
        for field, value in offered.items():
            if in_effect[field] == value and (until_next_change or field in tl.UNDATED_TERMS
                                              or latest[field] == value):
                continue
            term_changes[field] = value
            diff[field] = [json_value(in_effect[field]), json_value(value)]
    if not diff:
        return None
    errors = decision_field_errors(state | term_changes)
    if errors:
        raise ValidationError(errors)
    try:
        new = new_timeline(timeline, start=start, end=end, valid_from=valid_from, term_changes=term_changes,
                           until_next_change=until_next_change)
    except tl.TimelineError as error:
        raise ValidationError({"valid_from" if term_changes else "end_date": str(error)}) from None
    state.update(tl.latest_terms(new))
    return PlannedChange(diff=diff, term_changes=term_changes, valid_from=valid_from if term_changes else None,
                         timeline=new, affects_from=tl.first_difference(timeline, new), state=state)


def is_an_end(diff: dict[str, Any], end_date: dt.date | None) -> bool:
    """A change that sets the end date (with at most the review date and comment): its version is "ended"."""
    return "end_date" in diff and end_date is not None and set(diff) <= {"end_date", "last_review_date", "comment"}


def ensure_may_propose(*, actor, decision: Decision | None, changes: dict[str, Any],
                       valid_from: dt.date | None = None) -> None:
    """The closed-month and ended-decision rules for a write that is proposed now and made later (a proposal for the
    unit head): raises as the write would if the actor may not make a correction; writes nothing."""
    if decision is None:
        start = normalise_value("start_date", changes.get("start_date"))
        correction_rules(actor=actor, decision=None, affects_from=start, reason="förslag", field="start_date",
                         through=closed_through())
        return
    state = {f: getattr(decision, f) for f in VERSIONED_FIELDS}
    plan = plan_change(state, decision_timeline(decision.pk), changes, valid_from=valid_from,
                       known_day=timezone.localdate())
    if plan is not None:
        correction_rules(actor=actor, decision=decision, affects_from=plan.affects_from, reason="förslag",
                         field=blamed_field(plan), through=closed_through(),
                         ended=has_ended(decision.end_date, timezone.localdate()))


def blamed_field(plan: PlannedChange) -> str:
    """The form field a closed-month refusal names."""
    if plan.term_changes:
        return "valid_from"
    return next((f for f in ("end_date", "start_date") if f in plan.diff), "valid_from")


@transaction.atomic
def decision_change(
    *, decision: Decision, actor, source: str = ChangeSource.UI, known_at: dt.datetime | None = None,
    valid_from: dt.date | None = None, expected_version: int | None = None, reason: str = "",
    event: str = ChangeEvent.CHANGE, note: str = "", until_next_change: bool = False, **changes: Any,
) -> DecisionVersion | None:
    """Change a decision; record a version with before and after. None when nothing changed.

    Changed terms take effect from `valid_from` (default: the day the change becomes known, or the decision's start
    if later) and hold from then on; earlier days keep their terms. A moved start or end date is its own date.
    `expected_version`: the version the change was based on; a newer decision is refused, nothing written.
    `reason`: required from a user for a correction. `event` and `note` word the history (a review's note)."""
    decision = Decision.objects.select_for_update().select_related("client").get(pk=decision.pk)
    ensure_version(decision, expected_version)
    ensure_may_change_client(actor, decision.client)
    when = known_at or timezone.now()
    was_ended = has_ended(decision.end_date, timezone.localtime(when).date())
    rows = current_term_rows(decision.pk)
    plan = plan_change({f: getattr(decision, f) for f in VERSIONED_FIELDS}, tuple(_segment_of(r) for r in rows),
                       changes, valid_from=valid_from, known_day=timezone.localtime(when).date(),
                       until_next_change=until_next_change)
    if plan is None:
        return None
    correction = correction_rules(actor=actor, decision=decision, affects_from=plan.affects_from, reason=reason,
                                  field=blamed_field(plan), through=closed_through(when), ended=was_ended)
    for field, value in plan.state.items():
        setattr(decision, field, value)
    decision.version += 1
    decision.terms_from = plan.timeline[-1].valid_from
    decision.save()
    _write_timeline(decision, rows, plan.timeline, when)
    ended = is_an_end(plan.diff, decision.end_date)
    version = _next_version(
        decision, kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=source, known_at=when, actor=actor,
        changes=plan.diff, valid_from=plan.valid_from, affects_from=plan.affects_from, correction=correction,
        note=note or (reason if correction else ""), event=event)
    version.save()
    action = AuditAction.DECISION_ENDED if ended else AuditAction.DECISION_CHANGED
    audit_record(
        actor=actor, action=action, object_type="decision", object_id=decision.pk, client_id=decision.client_id,
        summary=f"{decision.label}: " + ", ".join(plan.diff)
        + (f" från {plan.valid_from:%Y-%m-%d}" if plan.valid_from else "") + (" (rättelse)" if correction else ""),
        detail={"source": source, "changes": plan.diff, "valid_from": json_value(plan.valid_from),
                "affects_from": json_value(plan.affects_from), "correction": correction,
                **({"reason": reason.strip()} if correction else {}), "version": decision.version},
    )
    return version


def decision_end(
    *, decision: Decision, end_date: dt.date, actor, source: str = ChangeSource.UI,
    known_at: dt.datetime | None = None, expected_version: int | None = None, reason: str = "",
) -> DecisionVersion | None:
    """End a decision on `end_date` (its last day)."""
    return decision_change(decision=decision, actor=actor, source=source, known_at=known_at, end_date=end_date,
                           expected_version=expected_version, reason=reason)
