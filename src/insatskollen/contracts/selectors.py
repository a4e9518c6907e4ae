"""Reading the contract watch: individual contracts expiring within 30/90/180 days, their annual cost, the
comparable median price and the excess over it; and the effect of a renegotiation on the year's cost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from insatskollen.contracts.comparison import Comparables, PricePoint, excess
from insatskollen.costing.engine import monthly_costs
from insatskollen.core.numbers import ORE, to_ore
from insatskollen.costing.selectors import ENGINE_FIELDS, arrays_from_values, timeline_year_cost
from insatskollen.register.models import Contract, Decision, DecisionTerm
from insatskollen.register.services import decision_timeline
from insatskollen.register.timeline import latest_terms, terms_on, with_terms

WINDOWS = (30, 90, 180)
SORTS = ("cost", "excess")


def active_on(qs: QuerySet[Decision], day: dt.date) -> QuerySet[Decision]:
    return qs.filter(start_date__lte=day).exclude(end_date__lt=day)


def year_costs(rows: list[dict], year: int) -> list[Decimal]:
    """Each row's cost over the calendar year (rows with the engine's fields), rounded once to öre."""
    if not rows:
        return []
    result = monthly_costs(arrays_from_values(rows), dt.date(year, 1, 1), 12)
    return [to_ore(float(v)) for v in result.cost.sum(axis=1)]


def _engine_row(decision: Decision, **overrides) -> dict:
    row = {f: getattr(decision, f) for f in ENGINE_FIELDS}
    row.update(overrides)
    return row


def window_of(days_left: int) -> int:
    """The narrowest of 30/90/180 days that holds the expiry (already expired: 30)."""
    return next(w for w in WINDOWS if days_left <= w)


def _comparables(as_of: dt.date) -> Comparables:
    """Every active decision's price in the unit: a median is a price statistic, not personal data."""
    rows = active_on(Decision.objects.all(), as_of).values_list(
        "intervention_type__code", "level", "unit", "price", "contract_id")
    return Comparables(PricePoint(code, level, unit, price, contract) for code, level, unit, price, contract in rows)


def contract_watch(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None, *, within: int = 180,
                   sort: str = "cost", visible_team_ids: list[int] | None = None) -> list[dict]:
    """Individual contracts ending within `within` days of `as_of` (or already ended while decisions on them are
    still active), ranked by annual cost (`sort="cost"`) or by the yearly cost above the median (`"excess"`).

    `qs` is what the reader may see; a contract with none of its decisions in it is listed only when its client
    is in `team` / `visible_team_ids` (None: any).
    """
    horizon = as_of + dt.timedelta(days=within)
    base = qs.select_related("client__team", "intervention_type", "caseworker")
    if team:
        base = base.filter(client__team__code=team)
    by_contract: dict[int, list[Decision]] = {}
    for decision in active_on(base, as_of).filter(contract__isnull=False):
        by_contract.setdefault(decision.contract_id, []).append(decision)
    contracts = (Contract.objects.filter(is_individual=True, valid_to__isnull=False, valid_to__lte=horizon)
                 .select_related("provider", "client__team", "intervention_type"))
    comparables = _comparables(as_of)
    items = []
    for contract in contracts:
        decisions = by_contract.get(contract.pk, [])
        if contract.valid_to < as_of and not decisions:
            continue
        if not decisions and not _client_in(contract, team, visible_team_ids):
            continue
        items.append(_item(contract, decisions, as_of, comparables))
    if sort == "excess":
        items.sort(key=lambda i: (-(i["annual_excess"] or 0), -i["annual_cost"], i["valid_to"]))
    else:
        items.sort(key=lambda i: (-i["annual_cost"], i["valid_to"]))
    return items


def _client_in(contract: Contract, team: str | None, team_ids: list[int] | None) -> bool:
    client_team = contract.client.team if contract.client_id and contract.client.team_id else None
    if team and (client_team is None or client_team.code != team):
        return False
    return team_ids is None or (client_team is not None and client_team.pk in team_ids)


def _item(contract: Contract, decisions: list[Decision], as_of: dt.date, comparables: Comparables) -> dict:
    costs = year_costs([_engine_row(d) for d in decisions], as_of.year)
    annual = sum(costs, Decimal(0))
    annual_excess = Decimal(0)
    reference = None  # the contract's most expensive decision: its price is the one compared on the page
    for decision, cost in sorted(zip(decisions, costs, strict=True), key=lambda pair: -pair[1]):
        point = PricePoint(decision.intervention_type.code, decision.level, decision.unit, decision.price,
                           contract.pk)
        comparable_median, count = comparables.median_for(point)
        found = excess(decision.price, comparable_median)
        if found is not None:
            annual_excess += cost * found.share
        if reference is None:
            reference = (decision, comparable_median, count, found)
    client = contract.client or (decisions[0].client if decisions else None)
    team = client.team if client and client.team_id else None
    item = {
        "contract": contract.reference, "contract_id": contract.pk, "provider": contract.provider.name,
        "code": contract.intervention_type.code if contract.intervention_type_id else "",
        "valid_to": contract.valid_to.isoformat(), "days_left": (contract.valid_to - as_of).days,
        "window": window_of((contract.valid_to - as_of).days),
        "decisions": [d.label for d in decisions], "annual_cost": float(annual),
        "client": client.masked_personal_number if client else "", "client_id": client.pk if client else None,
        "team": team.code if team else "",
        "price": float(contract.price) if contract.price is not None else None, "unit": contract.unit,
        "level": "", "decision_price": None, "median_price": None, "comparable_count": 0,
        "excess_per_unit": None, "excess_pct": None, "annual_excess": None,
    }
    if reference is not None:
        decision, comparable_median, count, found = reference
        item.update(
            code=item["code"] or decision.intervention_type.code, level=decision.level,
            unit=contract.unit or decision.unit, decision_price=float(decision.price),
            median_price=float(comparable_median) if comparable_median is not None else None,
            comparable_count=count,
            excess_per_unit=float(found.per_unit) if found else None,
            excess_pct=float(found.pct) if found else None,
            annual_excess=float(to_ore(annual_excess)) if found else None,
        )
    return item


@dataclass(frozen=True)
class RenegotiationEffect:
    """What a new price from a day does to the cost of the contract's decisions in that day's year."""

    year: int
    decisions: list[Decision]
    cost_before: Decimal  # the year's cost with the terms in time as registered
    cost_after: Decimal  # the same year with each decision's new price from `effective_from`
    prices: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)  # decision id → (price then, new)

    @property
    def effect(self) -> Decimal:
        return self.cost_after - self.cost_before


def decisions_to_reprice(contract: Contract, effective_from: dt.date) -> list[Decision]:
    """The decisions with a term period on the contract (in the contract's unit) running on or after
    `effective_from`."""
    periods = DecisionTerm.objects.filter(known_to__isnull=True, contract=contract).exclude(valid_to__lt=effective_from)
    if contract.unit:
        periods = periods.filter(unit=contract.unit)
    qs = Decision.objects.filter(pk__in=periods.values("decision_id")).exclude(end_date__lt=effective_from)
    return list(qs.select_related("client", "intervention_type").order_by("id"))


def repriced(price: Decimal, old_contract_price: Decimal | None, new_contract_price: Decimal) -> Decimal:
    """A decision's new price: the contract's new price where the decision had the contract's price (or the contract
    had none), otherwise its own price changed by the same proportion (a level's price stays a level's price)."""
    if not old_contract_price or price == old_contract_price:
        return new_contract_price
    return (price * new_contract_price / old_contract_price).quantize(ORE, rounding=ROUND_HALF_UP)


def renegotiation_effect(*, contract: Contract, new_price: Decimal, effective_from: dt.date) -> RenegotiationEffect:
    """The cost engine over the decisions to reprice: the year with their terms in time as registered, and with each
    decision's new price from `effective_from` (the days before keep their terms)."""
    year = effective_from.year
    decisions = decisions_to_reprice(contract, effective_from)
    before = after = Decimal(0)
    prices = {}
    for decision in decisions:
        timeline = decision_timeline(decision.pk)
        day = max(effective_from, decision.start_date)
        price_then = (terms_on(timeline, day) or latest_terms(timeline))["price"]
        price = repriced(price_then, contract.price, new_price)
        prices[decision.pk] = (price_then, price)
        before += timeline_year_cost(timeline, year)
        after += timeline_year_cost(with_terms(timeline, day, {"price": price}, until_next_change=True), year)
    return RenegotiationEffect(year=year, decisions=decisions, cost_before=before, cost_after=after, prices=prices)


def renegotiations_of(contract: Contract) -> QuerySet:
    return contract.renegotiations.select_related("recorded_by")
