"""Which cases a team's case conference should discuss in a week, and which are routine and left out.

The agenda holds four kinds of case (everything else decided or reviewed in the period is routine):
- beyond delegation: pending proposals (casework.Proposal) of the team's clients, made by the end of the week;
- new high-cost decision: a decision taken in the period whose full-year cost (see `costs`) is above
  `high_cost_threshold()` (setting CONFERENCE_HIGH_COST_THRESHOLD, default 1 000 000 kr a year) or above the
  90th percentile of the decisions with the same intervention code active in the unit (when there are at
  least 10 of them to compare with);
- review change: a review (omprövning) in the period that reduced or increased the intervention;
- policy question: an unresolved PolicyQuestion a caseworker raised by the end of the week.
The period runs from the Monday after the team's last held conference (at most four weeks back) to this
week's Sunday. Cases put on a held conference's agenda but not dealt with there come back.
One item per case: a decision is listed once, under the first kind above that applies (policy question first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.conf import settings

from insatskollen.casework.models import Proposal, ReviewOutcome, ReviewRecord
from insatskollen.conferences.costs import full_year_costs
from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion
from insatskollen.core.numbers import format_number, format_sek
from insatskollen.costing.selectors import ENGINE_FIELDS
from insatskollen.register.models import Decision
from insatskollen.register.services import start_of_day

HIGH_COST_DEFAULT = Decimal(1000000)
HIGH_COST_PERCENTILE = 90
PERCENTILE_MIN_CASES = 10
MAX_LOOKBACK_WEEKS = 4
KIND_ORDER = [AgendaItem.Kind.POLICY_QUESTION, AgendaItem.Kind.BEYOND_DELEGATION, AgendaItem.Kind.NEW_HIGH_COST,
              AgendaItem.Kind.REVIEW_CHANGE]
Kind = AgendaItem.Kind


def high_cost_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "CONFERENCE_HIGH_COST_THRESHOLD", HIGH_COST_DEFAULT)))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class ProposedItem:
    """A case proposed for the agenda, before it is stored as an AgendaItem."""

    kind: str
    source_key: str
    client_id: int
    intervention_type_id: int
    code: str
    title: str
    annual_cost: Decimal = Decimal(0)
    decision_id: int | None = None
    proposal_id: int | None = None
    review_id: int | None = None
    policy_question_id: int | None = None

    def model_fields(self) -> dict:
        return {"kind": self.kind, "client_id": self.client_id, "intervention_type_id": self.intervention_type_id,
                "title": self.title[:300], "decision_id": self.decision_id, "proposal_id": self.proposal_id,
                "review_id": self.review_id, "policy_question_id": self.policy_question_id}


@dataclass
class AgendaProposal:
    items: list[ProposedItem]
    routine_count: int
    first_day: dt.date
    last_day: dt.date
    threshold: Decimal = HIGH_COST_DEFAULT
    routine_decisions: list[int] = field(default_factory=list)


def order_items(items: list[ProposedItem]) -> list[ProposedItem]:
    """Grouped by intervention code; within a code, by kind (policy questions first), dearest first."""
    return sorted(items, key=lambda i: (i.code, KIND_ORDER.index(i.kind), -i.annual_cost, i.source_key))


def percentile_by_code(costs: dict[str, list[Decimal]], percentile: int = HIGH_COST_PERCENTILE) -> dict[str, Decimal]:
    """The percentile of each code's full-year costs, for codes with enough cases to compare with."""
    return {code: Decimal(str(round(float(np.percentile([float(v) for v in values], percentile)), 2)))
            for code, values in costs.items() if len(values) >= PERCENTILE_MIN_CASES}


def high_cost_reason(cost: Decimal, threshold: Decimal, code_percentile: Decimal | None) -> str | None:
    """Why a new decision counts as high-cost, or None when it does not."""
    if cost > threshold:
        return f"över gränsen {format_sek(threshold)}"
    if code_percentile is not None and cost > code_percentile:
        return f"över 90:e percentilen för insatskoden ({format_sek(code_percentile)})"
    return None


def period_for(team, week_start: dt.date) -> tuple[dt.date, dt.date]:
    """From the Monday after the team's last held conference (at most four weeks back) to this Sunday."""
    last_held = (Conference.objects.filter(team=team, status=Conference.Status.HELD, week_start__lt=week_start)
                 .order_by("-week_start").values_list("week_start", flat=True).first())
    earliest = week_start - dt.timedelta(weeks=MAX_LOOKBACK_WEEKS - 1)
    first = max(last_held + dt.timedelta(weeks=1), earliest) if last_held else week_start
    return min(first, week_start), week_start + dt.timedelta(days=6)


def carried_over(team, week_start: dt.date) -> set[str]:
    """Source keys listed at the team's recent held conferences without an outcome, and not dealt with since."""
    recent = AgendaItem.objects.filter(
        conference__team=team, conference__status=Conference.Status.HELD, conference__week_start__lt=week_start,
        conference__week_start__gte=week_start - dt.timedelta(weeks=MAX_LOOKBACK_WEEKS),
    ).values_list("source_key", "outcome")
    untreated = {key for key, outcome in recent if not outcome}
    treated = {key for key, outcome in recent if outcome}
    return untreated - treated


def _row(decision: Decision) -> dict:
    return {f: getattr(decision, f) for f in ENGINE_FIELDS}


def _ids(keys: set[str], prefix: str) -> list[int]:
    return [int(key.split(":", 1)[1]) for key in keys if key.startswith(prefix + ":")]


def _code_percentiles(codes: set[int], day: dt.date) -> dict[str, Decimal]:
    active = (Decision.objects.filter(intervention_type_id__in=codes, start_date__lte=day)
              .exclude(end_date__lt=day).values("intervention_type__code", *ENGINE_FIELDS))
    rows = list(active)
    by_code: dict[str, list[Decimal]] = {}
    for row, cost in zip(rows, full_year_costs(rows, day.year), strict=True):
        by_code.setdefault(row["intervention_type__code"], []).append(cost)
    return percentile_by_code(by_code)


def _policy_items(team, last: dt.date) -> list[ProposedItem]:
    questions = (PolicyQuestion.objects.filter(client__team=team, resolved=False,
                                               created_at__lt=start_of_day(last + dt.timedelta(days=1)))
                 .select_related("decision__intervention_type", "client"))
    items = []
    for question in questions:
        decision = question.decision or (question.client.decisions.select_related("intervention_type")
                                         .order_by("-start_date", "-id").first())
        if decision is None:
            continue  # a client with no decision has no intervention to group under
        # A question about the client as a whole is discussed with the client's latest decision.
        items.append(ProposedItem(
            kind=Kind.POLICY_QUESTION, source_key=f"policy:{question.pk}", client_id=question.client_id,
            intervention_type_id=decision.intervention_type_id, code=decision.intervention_type.code,
            title=question.text, decision_id=decision.pk,
            policy_question_id=question.pk))
    return items


def _proposal_items(team, last: dt.date) -> list[ProposedItem]:
    proposals = (Proposal.objects.filter(client__team=team, status=Proposal.Status.PENDING,
                                         proposed_at__lt=start_of_day(last + dt.timedelta(days=1)))
                 .select_related("intervention_type"))
    items = []
    for proposal in proposals:
        reason = f" – {proposal.reason}" if proposal.reason else ""
        flag = " (principfråga)" if proposal.policy_question else ""
        items.append(ProposedItem(
            kind=Kind.BEYOND_DELEGATION, source_key=f"proposal:{proposal.pk}", client_id=proposal.client_id,
            intervention_type_id=proposal.intervention_type_id, code=proposal.intervention_type.code,
            title=f"{proposal.get_kind_display()}, årskostnad "
                  f"{format_sek(proposal.annual_cost)}{reason}{flag}",
            annual_cost=proposal.annual_cost, decision_id=proposal.decision_id, proposal_id=proposal.pk))
    return items


def _high_cost_items(decisions: list[Decision], week_start: dt.date, threshold: Decimal) -> list[ProposedItem]:
    costs = full_year_costs([_row(d) for d in decisions], week_start.year)
    percentiles = _code_percentiles({d.intervention_type_id for d in decisions}, week_start) if decisions else {}
    items = []
    for decision, cost in zip(decisions, costs, strict=True):
        reason = high_cost_reason(cost, threshold, percentiles.get(decision.intervention_type.code))
        if reason is None:
            continue
        items.append(ProposedItem(
            kind=Kind.NEW_HIGH_COST, source_key=f"decision:{decision.pk}", client_id=decision.client_id,
            intervention_type_id=decision.intervention_type_id, code=decision.intervention_type.code,
            title=f"Beslutat {decision.decision_date:%Y-%m-%d}, årskostnad {format_sek(cost)} ({reason})",
            annual_cost=cost, decision_id=decision.pk))
    return items


def _review_items(reviews: list[ReviewRecord]) -> list[ProposedItem]:
    items = []
    for review in reviews:
        decision = review.decision
        after = format_number(review.extent_after, 2) if review.extent_after is not None else "–"
        items.append(ProposedItem(
            kind=Kind.REVIEW_CHANGE, source_key=f"review:{review.pk}", client_id=decision.client_id,
            intervention_type_id=decision.intervention_type_id, code=decision.intervention_type.code,
            title=f"Omprövat {review.reviewed_on:%Y-%m-%d}: {review.get_outcome_display().lower()} från "
                  f"{format_number(review.extent_before, 2)} till {after} {decision.unit}, årskostnad "
                  f"{format_sek(review.annual_cost_before)} → {format_sek(review.annual_cost_after)}",
            annual_cost=max(review.annual_cost_before, review.annual_cost_after), decision_id=decision.pk,
            review_id=review.pk))
    return items


def propose_agenda(team, week_start: dt.date) -> AgendaProposal:
    """The proposed agenda of `team` for the week starting on Monday `week_start`, ordered."""
    first, last = period_for(team, week_start)
    carried = carried_over(team, week_start)
    threshold = high_cost_threshold()
    new_decisions = list(
        Decision.objects.filter(client__team=team, decision_date__range=(first, last))
        .select_related("intervention_type"))
    carried_decisions = list(Decision.objects.filter(client__team=team, pk__in=_ids(carried, "decision"))
                             .exclude(pk__in=[d.pk for d in new_decisions]).select_related("intervention_type"))
    reviews = list(
        ReviewRecord.objects.filter(decision__client__team=team, reviewed_on__range=(first, last))
        .select_related("decision__intervention_type"))
    changed = [r for r in reviews if r.outcome in (ReviewOutcome.REDUCED, ReviewOutcome.INCREASED)]
    known = {r.pk for r in changed}
    changed += [r for r in ReviewRecord.objects.filter(decision__client__team=team, pk__in=_ids(carried, "review"))
                .select_related("decision__intervention_type") if r.pk not in known]

    candidates = (_policy_items(team, last) + _proposal_items(team, last)
                  + _high_cost_items(new_decisions + carried_decisions, week_start, threshold)
                  + _review_items(changed))
    chosen, seen_decisions = [], set()
    for item in sorted(candidates, key=lambda i: KIND_ORDER.index(i.kind)):
        if item.decision_id is not None and item.decision_id in seen_decisions:
            continue
        if item.decision_id is not None:
            seen_decisions.add(item.decision_id)
        chosen.append(item)
    routine = ({d.pk for d in new_decisions} | {r.decision_id for r in reviews}) - seen_decisions
    return AgendaProposal(items=order_items(chosen), routine_count=len(routine), first_day=first, last_day=last,
                          threshold=threshold, routine_decisions=sorted(routine))
