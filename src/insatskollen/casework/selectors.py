"""The casework worklists from the register: reviews, contracts, FK candidates, orders and level thresholds.

Each list takes a queryset of decisions (already narrowed to what the reader may see) and returns plain dicts,
ready for JSON or a template.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.casework.fk_rates import fk_rate
from insatskollen.casework.reviews import ReviewDue, annual_cost, reviews_due
from insatskollen.casework.thresholds import threshold_just_above
from insatskollen.core.units import ExtentUnit
from insatskollen.costing.selectors import ENGINE_FIELDS
from insatskollen.register.models import Contract, Decision, Law

CONTRACT_HORIZON_DAYS = 180
FK_BASIC_NEEDS_HOURS = Decimal(20)
# Personal assistance under LSS, and assistance-like home help under SoL.
FK_INTERVENTIONS = ((Law.LSS, "6220"), (Law.SOL, "6135"))
WEEKS_PER_YEAR = Decimal(52)
PLANS_NOTE = ("Beställningar och genomförandeplaner finns ännu inte i registret, "
              "så listan över saknade genomförandeplaner är tom tills de kan registreras.")


def _row(decision: Decision) -> dict:
    row = {f: getattr(decision, f) for f in ENGINE_FIELDS}
    row.update(decision_date=decision.decision_date, last_review_date=decision.last_review_date, decision=decision)
    return row


def _base(qs: QuerySet[Decision], team: str | None) -> QuerySet[Decision]:
    qs = qs.select_related("client__team", "intervention_type", "caseworker", "provider", "contract")
    return qs.filter(client__team__code=team) if team else qs


def _active(qs: QuerySet[Decision], as_of: dt.date) -> QuerySet[Decision]:
    return qs.filter(start_date__lte=as_of).exclude(end_date__lt=as_of)


def _describe(decision: Decision) -> dict:
    team = decision.client.team
    return {
        "decision": decision.label,
        "client": decision.client.masked_personal_number,
        "code": decision.intervention_type.code,
        "caseworker": decision.caseworker.username if decision.caseworker_id else "",
        "team": team.code if team else "",
    }


def reviews_for(qs: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
                team: str | None = None) -> list[ReviewDue]:
    """The reviews due by `until`, most expensive first; each `.row["decision"]` is the Decision."""
    return reviews_due([_row(d) for d in _active(_base(qs, team), as_of)], as_of, until)


def review_items(qs: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
                 team: str | None = None) -> list[dict]:
    return [
        {**_describe(r.row["decision"]), "due": r.due.isoformat(), "annual_cost": float(r.annual_cost),
         "overdue": r.overdue}
        for r in reviews_for(qs, as_of, until, team)
    ]


def contract_items(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None) -> list[dict]:
    """Individual contracts ending within 180 days, or already ended while decisions on them are still active."""
    horizon = as_of + dt.timedelta(days=CONTRACT_HORIZON_DAYS)
    active = list(_active(_base(qs, team), as_of).filter(contract__isnull=False))
    by_contract: dict[int, list[Decision]] = {}
    for decision in active:
        by_contract.setdefault(decision.contract_id, []).append(decision)
    contracts = Contract.objects.filter(is_individual=True, valid_to__isnull=False, valid_to__lte=horizon)
    contracts = contracts.select_related("provider", "client__team")
    items = []
    for contract in contracts:
        decisions = by_contract.get(contract.pk, [])
        if contract.valid_to < as_of and not decisions:
            continue
        if team and not decisions and not (contract.client and contract.client.team
                                           and contract.client.team.code == team):
            continue
        cost = sum((annual_cost(_row(d), as_of.year) for d in decisions), Decimal(0))
        items.append({
            "contract": contract.reference, "provider": contract.provider.name,
            "code": contract.intervention_type.code if contract.intervention_type_id else "",
            "valid_to": contract.valid_to.isoformat(), "days_left": (contract.valid_to - as_of).days,
            "decisions": [d.label for d in decisions], "annual_cost": float(cost),
        })
    items.sort(key=lambda i: (-i["annual_cost"], i["valid_to"]))
    return items


def hours_per_week(decision: Decision) -> Decimal | None:
    """The extent in hours per week, for the hour units; None for other units."""
    if decision.unit == ExtentUnit.HOURS_PER_WEEK:
        return Decimal(decision.extent)
    if decision.unit == ExtentUnit.HOURS_PER_MONTH:
        return Decimal(decision.extent) * 12 / WEEKS_PER_YEAR
    return None


def fk_items(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None) -> list[dict]:
    """Personal assistance above 20 hours a week: candidates for an application to Försäkringskassan."""
    rate = fk_rate(as_of.year)
    items = []
    for decision in _active(_base(qs, team), as_of):
        kind = (decision.intervention_type.law, decision.intervention_type.code)
        hours = hours_per_week(decision)
        if kind not in FK_INTERVENTIONS or hours is None or hours <= FK_BASIC_NEEDS_HOURS:
            continue
        saving = ((hours - FK_BASIC_NEEDS_HOURS) * WEEKS_PER_YEAR * rate).quantize(Decimal("0.01"))
        items.append({**_describe(decision), "hours": float(round(hours, 2)), "fk_rate": float(rate),
                      "yearly_saving": float(saving)})
    items.sort(key=lambda i: -i["yearly_saving"])
    return items


def threshold_items(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None) -> list[dict]:
    """Decisions whose weekly hours lie within 10 % below a level threshold, closest first."""
    items = []
    for decision in _active(_base(qs, team), as_of):
        hours = hours_per_week(decision)
        threshold = threshold_just_above(hours) if hours is not None else None
        if threshold is None:
            continue
        items.append({**_describe(decision), "hours": float(round(hours, 2)), "threshold": float(threshold),
                      "gap": float(round(threshold - hours, 2))})
    items.sort(key=lambda i: (i["gap"], i["decision"]))
    return items
