"""From simulated plans to decisions with their history: prices, reviews, changes, indexation and ends. Pure.

Each decision is first known on its decision date. Decisions older than the history (the unit's stock) are
recorded as the register had them when the history starts: that year's price and their latest review.
Then, each on the day it became known and taking effect from that day (the register keeps the earlier days' terms):
- January indexation: every decision running on 1 January gets that year's list price (prices.py);
  LASS decisions also FK's new rate as revenue;
- reviews (omprövning) about once a year, some late; a review may change the extent or the level (and so
  the price);
- changes of extent between reviews (needs grow or shrink);
- a new caseworker when the case moves within the team;
- the end: often known in advance (a planned move), otherwise reported some days after the last day.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from insatskollen.demo.catalogue import (
    INDIVIDUAL_CONTRACT_CODES,
    INDIVIDUAL_PREMIUM,
    INTERVENTIONS,
    PROVIDER_BY_NAME,
    InterventionSpec,
)
from insatskollen.demo.prices import fk_rate, indexed, kronor, ore, stockholm_rate
from insatskollen.demo.records import DemoClient, DemoContract, DemoData, DemoDecision, DemoEvent
from insatskollen.demo.simulation import Plan, Simulation, after_years

FK_FREE_HOURS = Decimal(20)  # the municipality pays the first 20 hours a week of LASS (51 kap. 3 § SFB)
TARIFF_COMMENTS = {
    "dagtid_07_19": "Dagtid", "kvall_19_22": "Kvällstid", "helg_fre19_man07": "Helg", "natt_22_07": "Natt",
    "kort": "Kort resväg", "mellan": "Medellång resväg", "lång": "Lång resväg",
}
REVIEW_CHANGES_EXTENT = 0.25
REVIEW_CHANGES_LEVEL = 0.12
EXTENT_CHANGES_PER_YEAR = 0.12
END_KNOWN_IN_ADVANCE = 0.5
# Order of events on the same day.
CASEWORKER, INDEXATION, REVIEW, EXTENT, END = range(5)


def tier_table_and_level(spec: InterventionSpec, tier: int) -> tuple[str, str]:
    """A tier is a level of the code's Stockholm table, or "table:level" of another table."""
    name = spec.pricing.tiers[tier][0]
    table, _, level = name.rpartition(":")
    return table or spec.pricing.table, level


def list_price(spec: InterventionSpec, tier: int, year: int, provider_kind: str, premium: float = 1.0) -> Decimal:
    """The price of `spec` at `tier` in `year` for a provider of `provider_kind` (sources: catalogue.py)."""
    pricing = spec.pricing
    if pricing.source == "fk":
        return fk_rate(year)
    if pricing.source == "stockholm":
        table, level = tier_table_and_level(spec, tier)
        value = stockholm_rate(table, level, year, provider_kind) * pricing.factor
    else:
        value = indexed(pricing.assumed_2024[tier], year)
    return kronor(value * premium)


def fk_revenue_per_hour(year: int, hours: Decimal) -> Decimal:
    """FK's revenue per decided hour: FK's rate for the hours above 20 a week, spread over all hours."""
    if hours <= FK_FREE_HOURS:
        return Decimal("0.00")
    return ore(float(fk_rate(year) * (hours - FK_FREE_HOURS) / hours))


def vary_extent(rng: random.Random, spec: InterventionSpec, extent: Decimal, low: float, high: float) -> Decimal:
    e = spec.extent
    value = float(extent) * rng.uniform(low, high)
    stepped = round(value / e.step) * e.step
    return Decimal(str(min(max(stepped, e.low), e.high * 1.25)))


class DecisionWriter:
    """Builds one DemoDecision from a plan: its first state, then its events in the order they became known."""

    def __init__(self, simulation: Simulation):
        self.sim = simulation
        self.rng = simulation.rng
        self.today = simulation.today

    def price_fields(self, plan: Plan, tier: int, extent: Decimal, year: int) -> dict[str, Any]:
        kind = PROVIDER_BY_NAME[plan.provider].kind
        fields: dict[str, Any] = {"price": list_price(plan.spec, tier, year, kind, plan.premium)}
        if plan.spec.code == "LASS":
            fields["revenue_per_unit"] = fk_revenue_per_hour(year, extent)
        return fields

    def initial(self, plan: Plan, price_year: int) -> dict[str, Any]:
        spec = plan.spec
        table, tier_name = tier_table_and_level(spec, plan.tier)
        comment = TARIFF_COMMENTS.get(tier_name, "") or (table.capitalize() if table != spec.pricing.table else "")
        fields = {
            "extent": plan.extent, "unit": spec.unit.value, "decision_date": plan.decision_date,
            "start_date": plan.start, "end_date": None, "last_review_date": plan.last_review,
            "level": tier_name if spec.pricing.sets_level else "", "ifo_share_pct": plan.ifo_share,
            "revenue_per_unit": None, "revenue_source": "FK" if spec.code == "LASS" else "",
            "comment": comment, "caseworker": plan.client.caseworker_on(plan.decision_date),
        }
        fields.update(self.price_fields(plan, plan.tier, plan.extent, price_year))
        return fields

    def raw_events(self, plan: Plan) -> list[tuple[dt.date, int, Any]]:
        rng, today, spec = self.rng, self.today, plan.spec
        events: list[tuple[dt.date, int, Any]] = []
        for since, username in plan.client.caseworkers[1:]:
            if plan.decision_date < since and plan.active_on(since):
                events.append((since, CASEWORKER, username))
        for year in range(self.sim.history_start.year + 1, today.year + 1):
            january = dt.date(year, 1, 1)
            if plan.decision_date < january <= plan.end:
                events.append((january, INDEXATION, year))
        reviewed = plan.last_review or plan.decision_date
        while True:
            late = rng.random() < 0.12
            reviewed = reviewed + dt.timedelta(days=rng.randint(420, 560) if late else rng.randint(300, 400))
            if reviewed > today or reviewed > plan.end:
                break
            events.append((reviewed, REVIEW, None))
        if spec.extent.low < spec.extent.high:
            day = max(plan.decision_date, self.sim.history_start)
            while True:
                day = after_years(day, rng.expovariate(EXTENT_CHANGES_PER_YEAR))
                if day > min(today, plan.end):
                    break
                events.append((day, EXTENT, None))
        if plan.end <= today + dt.timedelta(days=60):
            if rng.random() < END_KNOWN_IN_ADVANCE:
                known = plan.end - dt.timedelta(days=rng.randint(0, 45))
            else:
                known = plan.end + dt.timedelta(days=rng.randint(0, 21))
            known = max(known, plan.decision_date)
            if known <= today:
                events.append((known, END, plan.end))
        events.sort(key=lambda e: (e[0], e[1]))
        return events

    def decision(self, plan: Plan, external_id: str, contract: str | None) -> DemoDecision:
        rng, spec = self.rng, plan.spec
        price_year = max(plan.start.year, self.sim.history_start.year)
        state = self.initial(plan, price_year)
        record = DemoDecision(external_id=external_id, client_key=plan.client.key, code=spec.code,
                              provider=plan.provider, contract=contract, known_on=plan.decision_date,
                              initial=dict(state))
        tier, extent = plan.tier, plan.extent
        for day, kind, payload in self.raw_events(plan):
            changes: dict[str, Any] = {}
            event, note = "change", ""
            if kind == CASEWORKER:
                changes["caseworker"] = payload
            elif kind == INDEXATION:
                event = "indexation"
                price_year = payload
                changes.update(self.price_fields(plan, tier, extent, price_year))
            elif kind == REVIEW:
                event = "review"
                changes["last_review_date"] = day
                if spec.extent.low < spec.extent.high and rng.random() < REVIEW_CHANGES_EXTENT:
                    extent = vary_extent(rng, spec, extent, 0.8, 1.25)
                    changes["extent"] = extent
                if spec.pricing.sets_level and rng.random() < REVIEW_CHANGES_LEVEL:
                    moved = min(max(tier + rng.choice((-1, 1)), 0), len(spec.pricing.tiers) - 1)
                    if tier_table_and_level(spec, moved)[0] == tier_table_and_level(spec, tier)[0]:
                        tier = moved  # a new level within the same kind of housing
                    changes["level"] = tier_table_and_level(spec, tier)[1]
                changes.update(self.price_fields(plan, tier, extent, price_year))
            elif kind == EXTENT:
                extent = vary_extent(rng, spec, extent, 0.8, 1.25)
                changes["extent"] = extent
                changes.update(self.price_fields(plan, tier, extent, price_year))
            elif kind == END:
                changes["end_date"] = payload
                if day > payload:
                    note = f"Avslutet rapporterades {day:%Y-%m-%d}, efter sista dagen {payload:%Y-%m-%d}."
            changes = {k: v for k, v in changes.items() if state.get(k) != v}
            if changes:
                state.update(changes)
                record.events.append(DemoEvent(known_on=day, changes=changes, event=event, note=note))
        return record


def framework_contracts(simulation: Simulation) -> dict[tuple[str, str], DemoContract]:
    """LOV and framework contracts, one per private provider and code."""
    contracts: dict[tuple[str, str], DemoContract] = {}
    start, today = simulation.history_start, simulation.today
    for spec in INTERVENTIONS:
        for index, (name, _) in enumerate(spec.providers, start=1):
            kind = PROVIDER_BY_NAME[name].kind
            if kind not in ("LOV", "privat"):
                continue
            single_price = len(spec.pricing.tiers) == 1
            price = list_price(spec, 0, today.year, kind) if single_price else None
            if kind == "LOV":
                reference, valid_from, valid_to = f"LOV-{spec.code}-{index:02d}", dt.date(start.year - 4, 1, 1), None
            else:
                reference = f"RAM-{spec.code}-{index:02d}"
                valid_from = dt.date(start.year - 2, 4, 1)
                valid_to = dt.date(today.year + 1 + index % 2, 3, 31)
            contracts[(name, spec.code)] = DemoContract(
                reference=reference, provider=name, code=spec.code, price=price, unit=spec.unit.value,
                valid_from=valid_from, valid_to=valid_to, is_individual=False)
    return contracts


def build_history(simulation: Simulation) -> DemoData:
    rng, today = simulation.rng, simulation.today
    writer = DecisionWriter(simulation)
    framework = framework_contracts(simulation)
    individual: list[DemoContract] = []
    plans = sorted((p for c in simulation.clients for p in c.plans),
                   key=lambda p: (p.decision_date, p.client.key, p.spec.code, p.start))
    decisions = []
    for number, plan in enumerate(plans, start=1):
        kind = PROVIDER_BY_NAME[plan.provider].kind
        contract = framework.get((plan.provider, plan.spec.code))
        individual_contract = kind == "privat" and plan.spec.code in INDIVIDUAL_CONTRACT_CODES
        if individual_contract:
            plan.premium = round(rng.uniform(*INDIVIDUAL_PREMIUM), 3)
        decision = writer.decision(plan, f"BES-{number:06d}", None)
        if individual_contract:
            state = decision.state()
            valid_to = state["end_date"] or today + dt.timedelta(days=rng.randint(14, 548))
            contract = DemoContract(
                reference=f"IND-{plan.start.year}-{len(individual) + 1:04d}", provider=plan.provider,
                code=plan.spec.code, price=decision.initial["price"], unit=plan.spec.unit.value,
                valid_from=plan.start, valid_to=valid_to, is_individual=True, client_key=plan.client.key)
            individual.append(contract)
        decision.contract = contract.reference if contract else None
        decisions.append(decision)
    clients = [DemoClient(key=c.key, personal_number=c.personal_number, team_code=c.team) for c in simulation.clients]
    used = {d.contract for d in decisions}
    contracts = [c for c in framework.values() if c.reference in used] + individual
    return DemoData(seed=simulation.seed, today=today, history_start=simulation.history_start, clients=clients,
                    contracts=contracts, decisions=decisions)
