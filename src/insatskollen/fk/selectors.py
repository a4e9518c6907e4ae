"""Reading the FK watch: candidates for an application to Försäkringskassan and the cases already there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.accounts import access
from insatskollen.fk.models import FkCase, FkCaseKind, FkOutcome
from insatskollen.fk.rates import fk_rate
from insatskollen.fk.saving import FK_BASIC_NEEDS_HOURS, hours_per_week, is_fk_intervention, yearly_saving
from insatskollen.register.models import Decision

# Until the register records basic-needs hours, the decided hours stand in for them.
HOURS_BASIS = "decided"
HOURS_BASIS_NOTE = ("Grundläggande behov finns inte i registret: beslutade timmar per vecka används i stället. "
                    "Kontrollera de grundläggande behoven i utredningen innan ansökan.")
# A client whose application or appeal is waiting for FK, or was granted, is not a candidate any more.
SETTLED = (FkOutcome.PENDING, FkOutcome.GRANTED)


def fk_cases_visible_to(user) -> QuerySet[FkCase]:
    teams = access.team_ids_visible(user)
    qs = FkCase.objects.select_related("client__team", "decision__intervention_type", "parent")
    return qs if teams is None else qs.filter(client__team_id__in=teams)


def _latest_status(client_ids: set[int]) -> dict[int, FkCase]:
    """Each client's latest application or appeal: the one that says where the client stands with FK."""
    latest: dict[int, FkCase] = {}
    cases = (FkCase.objects.filter(client_id__in=client_ids, kind__in=(FkCaseKind.APPLICATION, FkCaseKind.APPEAL))
             .order_by("submitted_on", "id"))
    for case in cases:
        latest[case.client_id] = case
    return latest


def fk_candidates(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None, *,
                  include_settled: bool = False) -> list[dict]:
    """Active personal assistance (LSS 6220) or assistance-like home help (SoL 6135) above 20 hours a week,
    with the yearly saving if FK paid the hours above 20 (at FK's rate of the year of `as_of`), largest first.

    Clients with an application or appeal pending at FK, or granted, are left out unless `include_settled`;
    each item carries the client's latest FK status (refused or partly granted ones stay candidates).
    """
    qs = qs.filter(start_date__lte=as_of).exclude(end_date__lt=as_of).select_related(
        "client__team", "intervention_type", "caseworker")
    if team:
        qs = qs.filter(client__team__code=team)
    rate = fk_rate(as_of.year)
    found = []
    for decision in qs.filter(intervention_type__code__in=("6220", "6135")):
        itype = decision.intervention_type
        hours = hours_per_week(decision.extent, decision.unit)
        if not is_fk_intervention(itype.law, itype.code) or hours is None or hours <= FK_BASIC_NEEDS_HOURS:
            continue
        found.append((decision, hours))
    status = _latest_status({d.client_id for d, _ in found})
    items = []
    for decision, hours in found:
        case = status.get(decision.client_id)
        settled = case is not None and case.outcome in SETTLED
        if settled and not include_settled:
            continue
        client_team = decision.client.team
        items.append({
            "decision": decision.label, "decision_id": decision.pk,
            "client": decision.client.masked_personal_number, "client_id": decision.client_id,
            "code": decision.intervention_type.code, "law": decision.intervention_type.law,
            "caseworker": decision.caseworker.username if decision.caseworker_id else "",
            "team": client_team.code if client_team else "",
            "hours": float(round(hours, 2)), "hours_basis": HOURS_BASIS, "fk_rate": float(rate),
            "hours_above_20": float(round(hours - FK_BASIC_NEEDS_HOURS, 2)),
            "yearly_saving": float(yearly_saving(hours, rate)),
            "fk_status": case.outcome if case else None,
            "fk_status_label": f"{case.get_kind_display()}: {case.get_outcome_display()}" if case else "",
            "fk_case_id": case.pk if case else None,
        })
    items.sort(key=lambda i: (-i["yearly_saving"], i["decision"]))
    return items


def fk_case_item(case: FkCase) -> dict:
    team = case.client.team
    return {
        "id": case.pk, "kind": case.kind, "kind_label": case.get_kind_display(),
        "client": case.client.masked_personal_number, "client_id": case.client_id,
        "team": team.code if team else "",
        "decision": case.decision.label if case.decision_id else "",
        "parent_id": case.parent_id, "submitted_on": case.submitted_on.isoformat(),
        "decided_on": case.decided_on.isoformat() if case.decided_on else None,
        "outcome": case.outcome, "outcome_label": case.get_outcome_display(),
        "hours_granted": float(case.hours_granted) if case.hours_granted is not None else None,
        "expected_amount": float(case.expected_amount) if case.expected_amount is not None else None,
        "received_amount": float(case.received_amount) if case.received_amount is not None else None,
    }


def fk_cases(qs: QuerySet[FkCase], team: str | None = None, *, open_only: bool = False) -> list[FkCase]:
    """The cases in `qs` (already narrowed to what the reader may see), open ones first, newest first."""
    if team:
        qs = qs.filter(client__team__code=team)
    if open_only:
        qs = qs.filter(outcome=FkOutcome.PENDING)
    cases = list(qs.select_related("client__team", "decision", "parent"))
    cases.sort(key=lambda c: (not c.is_open, -c.submitted_on.toordinal(), -c.pk))
    return cases


@dataclass(frozen=True)
class ClaimTotals:
    """Retroactive compensation claims: what the unit expects and what it has received so far."""

    expected_open: Decimal
    expected_all: Decimal
    received: Decimal


def claim_totals(cases: list[FkCase]) -> ClaimTotals:
    claims = [c for c in cases if c.kind == FkCaseKind.RETROACTIVE_CLAIM]
    return ClaimTotals(
        expected_open=sum((c.expected_amount or Decimal(0) for c in claims if c.is_open), Decimal(0)),
        expected_all=sum((c.expected_amount or Decimal(0) for c in claims), Decimal(0)),
        received=sum((c.received_amount or Decimal(0) for c in claims), Decimal(0)),
    )
