"""Casework writes: decisions through the delegation rules, proposals for the unit head, and reviews.

`decision_submit` is how the web UI and the API create, change and end decisions: within the actor's delegation it
calls the register's service at once; beyond it (a caseworker, and a rule in `DelegationRule` matches the resulting
decision) it stores a `Proposal` and leaves the register untouched until the unit head approves it.

Only changes to what was decided need approval: a change of administrative fields only (caseworker, comment,
Beslut-id, last review date, revenue source) is written at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.casework.delegation import Case, Rule, matching
from insatskollen.casework.models import DelegationRule, Proposal, ReviewOutcome, ReviewRecord
from insatskollen.casework.proposal_notices import notify_proposal_decided, notify_proposal_made
from insatskollen.casework.reviews import annual_rate
from insatskollen.costing.selectors import ENGINE_FIELDS, timeline_year_cost
from insatskollen.forecasting.selectors import forecast
from insatskollen.register import timeline as tl
from insatskollen.register.models import ChangeEvent, ChangeSource, Decision, InterventionType
from insatskollen.register.periods import has_ended
from insatskollen.register.services import (
    decision_change,
    decision_create,
    decision_end,
    decision_timeline,
    ensure_may_change_client,
    ensure_may_propose,
    ensure_version,
    json_value,
    normalise_value,
)
from insatskollen.register.validation import decision_field_errors

ADMINISTRATIVE_FIELDS = ("caseworker", "caseworker_id", "comment", "external_id", "last_review_date",
                         "revenue_source")
APPROVAL_NEEDED = "Beslutet kräver sektionschefens godkännande"


@dataclass
class Submission:
    """What became of a submitted decision: written (`proposal` None) or a proposal waiting for the unit head."""

    decision: Decision | None
    proposal: Proposal | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """The Swedish feedback for the UI and the API when a proposal was made."""
        return f"{APPROVAL_NEEDED}: {'; '.join(self.reasons)}. Ett beslutsförslag är skickat." if self.proposal else ""


def delegation_rules() -> list[Rule]:
    rules = DelegationRule.objects.filter(active=True).select_related("intervention_type").order_by("pk")
    return [Rule(pk=r.pk, law=r.law, intervention_code=r.intervention_type.code if r.intervention_type_id else "",
                 annual_cost_above=r.annual_cost_above, description=r.description) for r in rules]


def _intervention_type(state: dict[str, Any]) -> InterventionType:
    value = state.get("intervention_type")
    if isinstance(value, InterventionType):
        return value
    return InterventionType.objects.get(pk=state.get("intervention_type_id") or value)


def engine_row(state: dict[str, Any]) -> dict[str, Any]:
    row = {name: state.get(name) for name in ENGINE_FIELDS}
    row["ifo_share_pct"] = row["ifo_share_pct"] or Decimal(0)
    return row


def delegation_reasons(actor, state: dict[str, Any], *, today: dt.date | None = None) -> list[str]:
    """Why a decision with these fields is beyond `actor`'s delegation; empty when the actor may take it."""
    if not access.bound_by_delegation(actor):
        return []
    kind = _intervention_type(state)
    cost = annual_rate(engine_row(state), (today or timezone.localdate()).year)
    return [m.reason for m in matching(delegation_rules(), Case(kind.law, kind.code, cost))]


def _state_after(decision: Decision, changes: dict[str, Any]) -> dict[str, Any]:
    state = {name: getattr(decision, name) for name in (*ENGINE_FIELDS, "decision_date", "last_review_date",
                                                        "intervention_type_id")}
    state.update({name: normalise_value(name, value) for name, value in changes.items()})
    return state


def _content_changed(decision: Decision, changes: dict[str, Any]) -> bool:
    return any(normalise_value(name, value) != getattr(decision, name)
               for name, value in changes.items() if name not in ADMINISTRATIVE_FIELDS)


def encode_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Service keyword arguments → JSON (related objects by id), as a proposal keeps them."""
    encoded = {}
    for name, value in fields.items():
        if isinstance(value, models.Model):
            encoded[f"{name}_id"] = value.pk
        else:
            encoded[name] = json_value(value)
    return encoded


def decode_fields(fields: dict[str, Any]) -> dict[str, Any]:
    def decoded(name: str, value: Any) -> Any:
        if value is None:
            return None
        if name == "valid_from":
            return dt.date.fromisoformat(value)
        return Decision._meta.get_field(name).to_python(value)

    return {name: decoded(name, value) for name, value in fields.items()}


def _check(state: dict[str, Any]) -> None:
    errors = decision_field_errors({k: normalise_value(k, v) for k, v in state.items()})
    if errors:
        raise ValidationError(errors)


# What a write carries besides the decision's fields: when its terms apply, the version it was based on, and the
# reason for a correction. A proposal keeps valid_from (and reason) with its fields.
WRITE_OPTIONS = ("valid_from", "expected_version", "reason")


@transaction.atomic
def decision_submit(*, actor, kind: str, fields: dict[str, Any], decision: Decision | None = None,
                    source: str = ChangeSource.UI, valid_from: dt.date | None = None,
                    expected_version: int | None = None, reason: str = "") -> Submission:
    """Create (`fields` as for decision_create, with `client`), change (`fields` as for decision_change, its terms
    from `valid_from`) or end (`fields` = {"end_date": ...}) a decision, or propose it to the unit head when beyond
    the actor's delegation. `expected_version`: the version the user saw; a newer decision is refused."""
    if kind == Proposal.Kind.CREATE:
        client, state = fields["client"], dict(fields)
    else:
        ensure_version(decision, expected_version)
        client, state = decision.client, _state_after(decision, fields)
    ensure_may_change_client(actor, client)
    _check(state)
    needs_check = kind != Proposal.Kind.CHANGE or _content_changed(decision, fields)
    reasons = delegation_reasons(actor, state) if needs_check else []
    if not reasons:
        if kind == Proposal.Kind.CREATE:
            return Submission(decision_create(actor=actor, source=source, reason=reason, **fields))
        if kind == Proposal.Kind.END:
            decision_end(decision=decision, end_date=fields["end_date"], actor=actor, source=source,
                         expected_version=expected_version, reason=reason)
        else:
            decision_change(decision=decision, actor=actor, source=source, valid_from=valid_from,
                            expected_version=expected_version, reason=reason, **fields)
        return Submission(decision)
    # A proposal may not do what its proposer could not: correct a closed month or an ended decision.
    ensure_may_propose(actor=actor, decision=decision if kind != Proposal.Kind.CREATE else None,
                       changes=_changes_for_rules(fields), valid_from=valid_from)
    stored = {k: v for k, v in fields.items() if k != "client"}
    if kind == Proposal.Kind.CHANGE:  # only what changes: approving later must not undo edits made meanwhile
        stored = {k: v for k, v in stored.items() if normalise_value(k, v) != getattr(decision, k)}
        if valid_from is not None:
            stored["valid_from"] = valid_from
    proposal = Proposal.objects.create(
        kind=kind, client=client, decision=decision, intervention_type=_intervention_type(state),
        fields=encode_fields(stored), annual_cost=annual_rate(engine_row(state), timezone.localdate().year),
        reason="; ".join(reasons)[:300], proposed_by=actor, source=source)
    audit_record(actor=actor, action=AuditAction.PROPOSAL_CREATED, object_type="proposal", object_id=proposal.pk,
                 client_id=client.pk, summary=f"{proposal.get_kind_display()} {proposal.intervention_type.code}",
                 detail={"kind": kind, "decision": decision.pk if decision else None, "fields": proposal.fields,
                         "reasons": reasons})
    notify_proposal_made(proposal=proposal, actor=actor)
    return Submission(decision, proposal, reasons)


def _changes_for_rules(fields: dict[str, Any]) -> dict[str, Any]:
    """Service keyword arguments → register field names (related objects by id)."""
    changes = {}
    for name, value in fields.items():
        if name == "client":
            continue
        if isinstance(value, models.Model):
            changes[f"{name}_id"] = value.pk
        else:
            changes[name] = value
    return changes


def _pending(proposal: Proposal, actor) -> Proposal:
    if not access.may_approve_proposals(actor):
        raise PermissionDenied("Bara sektionschefen kan avgöra beslutsförslag.")
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("decision", "client").get(pk=proposal.pk)
    if proposal.status != Proposal.Status.PENDING:
        raise ValidationError(f"Förslaget är redan avgjort ({proposal.get_status_display().lower()}).")
    return proposal


def _decide(proposal: Proposal, actor, status: str, note: str, action: AuditAction) -> None:
    proposal.status, proposal.decided_by, proposal.decided_at = status, actor, timezone.now()
    proposal.decision_note = note
    proposal.save()
    audit_record(actor=actor, action=action, object_type="proposal", object_id=proposal.pk,
                 client_id=proposal.client_id, summary=f"{proposal.get_kind_display()} {proposal.get_status_display()}",
                 detail={"decision": proposal.decision_id, "note": note})
    notify_proposal_decided(proposal=proposal, actor=actor)


@transaction.atomic
def proposal_approve(*, proposal: Proposal, actor, note: str = "") -> Decision:
    """The unit head takes the proposed decision: the register's service writes it, in the unit head's name."""
    proposal = _pending(proposal, actor)
    fields = decode_fields(proposal.fields)
    source = proposal.source or ChangeSource.UI
    # Should the proposal have come to correct a month closed since, the unit head's approval is the correction.
    reason = note.strip() or f"Godkänt beslutsförslag {proposal.pk}: {proposal.reason}"
    if proposal.kind == Proposal.Kind.CREATE:
        proposal.decision = decision_create(actor=actor, source=source, client=proposal.client, reason=reason,
                                            **fields)
    elif proposal.kind == Proposal.Kind.END:
        decision_end(decision=proposal.decision, end_date=fields["end_date"], actor=actor, source=source,
                     reason=reason)
    else:
        review = ReviewRecord.objects.filter(proposal=proposal).first()
        valid_from = fields.pop("valid_from", None)
        if review is not None:
            decision_change(decision=proposal.decision, actor=actor, source=source,
                            valid_from=valid_from or review.effective_from, event=ChangeEvent.REVIEW,
                            note=review.note, reason=reason, **fields)
        else:
            decision_change(decision=proposal.decision, actor=actor, source=source, valid_from=valid_from,
                            reason=reason, **fields)
    _decide(proposal, actor, Proposal.Status.APPROVED, note.strip(), AuditAction.PROPOSAL_APPROVED)
    return proposal.decision


@transaction.atomic
def proposal_reject(*, proposal: Proposal, actor, note: str) -> Proposal:
    """The unit head says no, with a reason the caseworker reads. The register is not changed."""
    if not note.strip():
        raise ValidationError({"note": "Skriv varför förslaget avslås, så att handläggaren vet vad som gäller."})
    proposal = _pending(proposal, actor)
    _decide(proposal, actor, Proposal.Status.REJECTED, note.strip(), AuditAction.PROPOSAL_REJECTED)
    return proposal


def _review_errors(decision: Decision, timeline: tl.Timeline, outcome: str, reviewed_on: dt.date, extent_after,
                   effective_from, end_date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if reviewed_on > today:
        errors["reviewed_on"] = "Omprövningsdatum kan inte vara i framtiden."
    elif reviewed_on < decision.decision_date:
        errors["reviewed_on"] = "Omprövningsdatum kan inte vara före beslutsdatum."
    # The extent the review changes: the one in effect on the day the change takes effect.
    day = effective_from or reviewed_on
    in_effect = tl.terms_on(timeline, day) if day >= decision.start_date else None
    before = in_effect["extent"] if in_effect else decision.extent
    if outcome in (ReviewOutcome.REDUCED, ReviewOutcome.INCREASED):
        if extent_after is None:
            errors["extent_after"] = "Ange den nya omfattningen."
        elif outcome == ReviewOutcome.REDUCED and extent_after <= 0:
            errors["extent_after"] = "Omfattningen ska vara större än 0. Välj Avslutat om insatsen upphör."
        elif outcome == ReviewOutcome.REDUCED and extent_after >= before:
            errors["extent_after"] = f"Vid Minskat ska den nya omfattningen vara lägre än nuvarande {before.normalize():f}."
        elif outcome == ReviewOutcome.INCREASED and extent_after <= before:
            errors["extent_after"] = f"Vid Utökat ska den nya omfattningen vara högre än nuvarande {before.normalize():f}."
        if effective_from and effective_from < decision.start_date:
            errors["effective_from"] = "Ändringen kan inte gälla från före beslutets startdatum."
    if outcome == ReviewOutcome.ENDED:
        if end_date is None:
            errors["end_date"] = "Ange sista dagen insatsen ges."
        elif end_date < decision.start_date:
            errors["end_date"] = "Slutdatum kan inte vara före startdatum."
        elif decision.end_date and end_date > decision.end_date:
            errors["end_date"] = "Beslutet upphör redan tidigare. Välj ett slutdatum senast det befintliga."
        elif end_date > today + FURTHEST_AHEAD:
            errors["end_date"] = "Slutdatum kan ligga högst tio år fram i tiden."
    if effective_from and effective_from > today + FURTHEST_AHEAD:
        errors["effective_from"] = "Ändringen kan gälla från högst tio år fram i tiden."
    return errors


FURTHEST_AHEAD = dt.timedelta(days=3653)  # ten years: a date further ahead is a typing error
REGISTER_METHODS = ("expected_change", "commitment")  # the register methods (registry.REGISTER), best first


def _unit_forecast(year: int, today: dt.date, method: str | None = None) -> tuple[str, bool, Decimal | None]:
    """(method, is it the recommended one, net). The recommended method, unless it is built on the ledger alone
    and a register-based method exists: a review moves the register, so that is the forecast it can move."""
    result = forecast(year, today)
    if method is None:
        method = result.recommended
        if method not in REGISTER_METHODS:
            method = next((m for m in REGISTER_METHODS if m in result.methods), method)
    figures = result.methods.get(method)
    return method, method == result.recommended, figures.net if figures else None


def review_record(*, decision: Decision, actor, outcome: str, reviewed_on: dt.date,
                  extent_after: Decimal | None = None, effective_from: dt.date | None = None,
                  end_date: dt.date | None = None, note: str = "", unit_forecast: bool = True,
                  source: str = ChangeSource.UI) -> ReviewRecord:
    """Record a review (omprövning) and carry its outcome into the register.

    Unchanged: the last review date only. Reduced/increased: the extent (and the last review date), a change of
    the same decision from `effective_from` (default: the review date); the days before keep their extent. Ended:
    the last review date and the end date. Each is one version of the decision, worded in its history as the
    review ("Omprövning: minskat 10 → 6 tim/månad från …") with the caseworker's note.
    When the changed decision is beyond the actor's delegation, the change becomes a proposal; the last review
    date is still set at once (the review was made; what follows from it waits for the unit head).
    The cost effect is computed by the cost engine: the annual cost at the decision's rate before and after, the
    effect on this year's cost from the effective date, and the unit's forecast for the year before and after
    (skipped with `unit_forecast=False`, for bulk writes such as the demo).
    The whole-unit forecasts are reads that take time: the one before is computed before the write transaction
    and the one after once it has committed, so the transaction holds the register's locks only for the write.
    """
    arguments = {"decision": decision, "actor": actor, "outcome": outcome, "reviewed_on": reviewed_on,
                 "extent_after": extent_after, "effective_from": effective_from, "end_date": end_date,
                 "note": note, "source": source}
    today = timezone.localdate()
    year = today.year
    forecast_before: tuple[str, bool, Decimal | None] = ("", False, None)
    if unit_forecast:
        _review_checked(**arguments, today=today)  # a refused review costs no forecast
        forecast_before = _unit_forecast(year, today)
    with transaction.atomic():
        review = _review_write(**arguments, today=today, forecast_before=forecast_before)
    if unit_forecast:
        review.forecast_net_after = _unit_forecast(year, today, review.forecast_method)[2]
        ReviewRecord.objects.filter(pk=review.pk).update(forecast_net_after=review.forecast_net_after)
    return review


def _review_checked(*, decision: Decision, actor, outcome: str, reviewed_on: dt.date, extent_after, effective_from,
                    end_date, today: dt.date, **_ignored) -> tuple[Decision, tl.Timeline]:
    """The review's decision (read again) and its timeline, or the ValidationError/PermissionDenied refusing it."""
    decision = Decision.objects.select_related("client", "intervention_type").get(pk=decision.pk)
    ensure_may_change_client(actor, decision.client)
    if has_ended(decision.end_date, today):
        raise ValidationError(f"Beslut {decision.label} upphörde {decision.end_date:%Y-%m-%d} och kan inte omprövas.")
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Välj ett utfall."})
    timeline = decision_timeline(decision.pk)
    errors = _review_errors(decision, timeline, outcome, reviewed_on, extent_after, effective_from, end_date, today)
    if errors:
        raise ValidationError(errors)
    return decision, timeline


def _review_write(*, decision: Decision, actor, outcome: str, reviewed_on: dt.date, extent_after, effective_from,
                  end_date, note: str, source: str, today: dt.date,
                  forecast_before: tuple[str, bool, Decimal | None]) -> ReviewRecord:
    """Inside the write transaction: checked again, the register changed, the review and its audit event."""
    decision, timeline = _review_checked(decision=decision, actor=actor, outcome=outcome, reviewed_on=reviewed_on,
                                         extent_after=extent_after, effective_from=effective_from,
                                         end_date=end_date, today=today)
    if outcome == ReviewOutcome.ENDED:
        effective_from = end_date + dt.timedelta(days=1)
        changes: dict[str, Any] = {"end_date": end_date}
    elif outcome == ReviewOutcome.UNCHANGED:
        effective_from, extent_after, changes = None, None, {}
    else:
        effective_from = effective_from or reviewed_on
        changes = {"extent": extent_after}
    year = today.year
    before = engine_row({name: getattr(decision, name) for name in ENGINE_FIELDS})
    after = {**before, **changes}
    effect = _effect_this_year(decision, timeline, outcome, extent_after, effective_from, end_date, year)
    method, recommended, forecast_net_before = forecast_before

    reasons = delegation_reasons(actor, _state_after(decision, changes)) if changes else []
    proposal = None
    review_note = note.strip()
    write = {"decision": decision, "actor": actor, "source": source, "event": ChangeEvent.REVIEW,
             "note": review_note}
    try:
        if reasons:
            decision_change(last_review_date=reviewed_on, **write)
            kind = Proposal.Kind.END if outcome == ReviewOutcome.ENDED else Proposal.Kind.CHANGE
            proposal = decision_submit(actor=actor, kind=kind, fields=changes, decision=decision, source=source,
                                       valid_from=effective_from if kind == Proposal.Kind.CHANGE else None
                                       ).proposal
        else:
            decision_change(last_review_date=reviewed_on,
                            valid_from=effective_from if "extent" in changes else None, **changes, **write)
    except ValidationError as error:
        raise _as_review_error(error) from None
    review = ReviewRecord.objects.create(
        decision=decision, reviewed_on=reviewed_on, outcome=outcome, extent_before=decision.extent,
        extent_after=extent_after, effective_from=effective_from,
        annual_cost_before=annual_rate(before, year),
        annual_cost_after=Decimal(0) if outcome == ReviewOutcome.ENDED else annual_rate(after, year),
        cost_effect_this_year=effect, forecast_method=method, forecast_is_recommended=recommended,
        forecast_net_before=forecast_net_before,
        forecast_net_after=None, note=note.strip(), proposal=proposal, recorded_by=_user(actor))
    audit_record(actor=actor, action=AuditAction.REVIEW_RECORDED, object_type="review", object_id=review.pk,
                 client_id=decision.client_id, summary=f"{decision.label}: {review.get_outcome_display()}",
                 detail={"decision": decision.pk, "outcome": outcome, "reviewed_on": reviewed_on.isoformat(),
                         "extent_after": json_value(extent_after), "cost_effect_this_year": json_value(effect),
                         "proposal": proposal.pk if proposal else None})
    return review


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _effect_this_year(decision: Decision, timeline: tl.Timeline, outcome: str, extent_after, effective_from,
                      end_date, year: int) -> Decimal:
    """The review's change of the decision's cost in `year`: its terms in time before and after, priced."""
    if outcome == ReviewOutcome.ENDED:
        changed = tl.with_bounds(timeline, decision.start_date, end_date)
    elif outcome == ReviewOutcome.UNCHANGED:
        return Decimal(0)
    else:
        changed = tl.with_terms(timeline, effective_from, {"extent": normalise_value("extent", extent_after)})
    return timeline_year_cost(changed, year) - timeline_year_cost(timeline, year)


def _as_review_error(error: ValidationError) -> ValidationError:
    """The register's messages under the review form's field names."""
    if not hasattr(error, "error_dict"):
        return error
    names = {"valid_from": "effective_from"}
    return ValidationError({names.get(k, k): v for k, v in error.message_dict.items()})
