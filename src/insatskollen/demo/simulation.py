"""The demo unit's clients and their interventions through the years: who had what, from when to when. Pure.

How it works, month by month from the start of the history to today:
- Each intervention code has a monthly count target that moves from Table 4's January figure at the start to
  its November figure today (see catalogue.py), scaled so that about `clients` clients are active today.
- A share of each code's decisions are a client's main intervention: a new client arrives with it, and the
  client leaves when it ends. The rest are further decisions (1–3 per client) added to clients who have one
  of the code's host interventions (daily activity for a gruppbostad resident, transport for daily activity).
- Every month, decisions that ended are replaced by new ones until the target is met. At the start the unit
  already has its stock of clients, whose decisions began years earlier.
- Durations are exponential with each code's mean; a client's further decisions end with the client's main one.

history.py turns the result into decisions with prices, reviews, changes, indexation and ends.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from insatskollen.core.months import add_months, add_years, month_end, month_start
from insatskollen.demo.catalogue import CASEWORKERS, INTERVENTIONS, InterventionSpec
from insatskollen.demo.people import personal_number

MAX_DECISIONS_PER_CLIENT = 3  # running at the same time
DAYS_PER_YEAR = 365.25


@dataclass(eq=False)
class Plan:
    """One intervention of one client over its true period (the end may lie beyond today)."""

    client: SimClient
    spec: InterventionSpec
    is_main: bool
    start: dt.date
    end: dt.date
    decision_date: dt.date
    provider: str
    tier: int  # index into spec.pricing.tiers
    extent: Decimal
    ifo_share: Decimal
    premium: float = 1.0  # individual contracts are dearer than the list price
    last_review: dt.date | None = None  # stock decisions: the latest review before the history starts

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(eq=False)
class SimClient:
    key: int
    team: str
    personal_number: str
    plans: list[Plan] = field(default_factory=list)
    caseworkers: list[tuple[dt.date, str]] = field(default_factory=list)  # (from day, username)

    @property
    def main(self) -> Plan:
        return self.plans[0]

    def caseworker_on(self, day: dt.date) -> str:
        current = self.caseworkers[0][1]
        for since, username in self.caseworkers:
            if since <= day:
                current = username
        return current


def random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def after_years(day: dt.date, years: float) -> dt.date:
    return day + dt.timedelta(days=round(years * DAYS_PER_YEAR))


def draw_extent(rng: random.Random, spec: InterventionSpec) -> Decimal:
    e = spec.extent
    if e.low == e.high:
        return Decimal(str(e.low))
    value = rng.triangular(e.low, e.high, e.mode)
    steps = round((value - e.low) / e.step)
    return Decimal(str(min(e.high, e.low + steps * e.step)))


def draw_ifo_share(rng: random.Random, spec: InterventionSpec) -> Decimal:
    probability, low, high = spec.ifo_share
    if probability and rng.random() < probability:
        return Decimal(rng.randrange(low, high + 1, 5))
    return Decimal(0)


class Simulation:
    def __init__(self, *, seed: int, clients: int, today: dt.date, history_start: dt.date):
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = today
        self.history_start = history_start
        base = sum(spec.main_share * spec.count_last for spec in INTERVENTIONS)
        self.scale = clients / base
        self.clients: list[SimClient] = []
        self.plans: dict[tuple[str, bool], list[Plan]] = {(s.code, m): [] for s in INTERVENTIONS for m in (True, False)}
        self.taken_numbers: set[str] = set()
        self.caseworkers = {team: [u.username for u in CASEWORKERS if u.team_code == team]
                            for team in sorted({u.team_code for u in CASEWORKERS})}

    # --- targets -------------------------------------------------------------------------------------
    def target(self, spec: InterventionSpec, fraction: float, is_main: bool, noisy: bool) -> int:
        count = spec.count_first + (spec.count_last - spec.count_first) * fraction
        share = spec.main_share if is_main else 1.0 - spec.main_share
        value = count * share * self.scale + (self.rng.gauss(0, 0.5) if noisy else 0.0)
        return max(0, round(value))

    def active_count(self, code: str, is_main: bool, day: dt.date) -> int:
        return sum(1 for plan in self.plans[(code, is_main)] if plan.active_on(day))

    # --- plans ---------------------------------------------------------------------------------------
    def _plan(self, client: SimClient, spec: InterventionSpec, is_main: bool, start: dt.date, end: dt.date) -> Plan:
        rng = self.rng
        provider = rng.choices([p for p, _ in spec.providers], weights=[w for _, w in spec.providers])[0]
        tier = rng.choices(range(len(spec.pricing.tiers)), weights=[w for _, w in spec.pricing.tiers])[0]
        decision_date = max(start - dt.timedelta(days=rng.randint(0, 40)), dt.date(1990, 1, 1))
        plan = Plan(client=client, spec=spec, is_main=is_main, start=start, end=max(start, end),
                    decision_date=decision_date, provider=provider, tier=tier, extent=draw_extent(rng, spec),
                    ifo_share=draw_ifo_share(rng, spec))
        if (self.history_start - decision_date).days > 300:  # stock: reviewed in the ten months before the history
            plan.last_review = self.history_start - dt.timedelta(days=rng.randint(1, 300))
        client.plans.append(plan)
        self.plans[(spec.code, is_main)].append(plan)
        return plan

    def new_client(self, spec: InterventionSpec, start: dt.date, stock: bool) -> Plan:
        rng = self.rng
        if stock:  # age today (at the history start) within the code's ages; in service for part of it
            age = rng.randint(*spec.ages)
            served = min(rng.expovariate(1 / spec.mean_years), age - spec.ages[0] + rng.random(), 15.0)
            start = self.history_start - dt.timedelta(days=round(served * DAYS_PER_YEAR))
            birth = add_years(self.history_start, -age) - dt.timedelta(days=rng.randint(0, 364))
            end = after_years(self.history_start, rng.expovariate(1 / spec.mean_years))
        else:
            birth = add_years(start, -rng.randint(*spec.ages)) - dt.timedelta(days=rng.randint(0, 364))
            end = after_years(start, max(rng.expovariate(1 / spec.mean_years), 0.1))
        client = SimClient(key=len(self.clients) + 1, team=spec.team,
                           personal_number=personal_number(rng, birth, self.taken_numbers))
        self.clients.append(client)
        plan = self._plan(client, spec, True, start, end)
        client.caseworkers.append((plan.decision_date, rng.choice(self.caseworkers[spec.team])))
        return plan

    def hosts_for(self, spec: InterventionSpec, first: dt.date, last: dt.date) -> list[Plan]:
        """Plans, one per client, running on `last`, that `spec` may be added to between `first` and `last`."""
        seen: set[int] = set()
        hosts = []
        for code in spec.hosts:
            for is_main in (True, False):
                for plan in self.plans[(code, is_main)]:
                    client = plan.client
                    if client.key in seen or not plan.active_on(last):
                        continue
                    running = [p for p in client.plans if p.end >= first]
                    if len(running) >= MAX_DECISIONS_PER_CLIENT or any(p.spec.code == spec.code for p in running):
                        continue
                    seen.add(client.key)
                    hosts.append(plan)
        return hosts

    def add_further(self, spec: InterventionSpec, host: Plan, first: dt.date, last: dt.date, stock: bool) -> None:
        rng = self.rng
        if stock:
            served = rng.expovariate(1 / spec.mean_years)
            start = max(host.start, first - dt.timedelta(days=round(served * DAYS_PER_YEAR)))
            end = after_years(first, rng.expovariate(1 / spec.mean_years))
        else:
            start = random_day(rng, max(first, host.start), last)
            end = after_years(start, max(rng.expovariate(1 / spec.mean_years), 0.1))
        self._plan(host.client, spec, False, start, min(end, host.end, host.client.main.end))

    # --- the months ----------------------------------------------------------------------------------
    def run(self) -> None:
        months = []
        month = month_start(self.history_start)
        while month <= self.today:
            months.append(month)
            month = add_months(month, 1)
        for index, month in enumerate(months):
            fraction = index / (len(months) - 1) if len(months) > 1 else 1.0
            stock = index == 0
            first = self.history_start if stock else month
            last = self.history_start if stock else min(month_end(month), self.today)
            self.fill_month(fraction, first, last, stock)

    def fill_month(self, fraction: float, first: dt.date, last: dt.date, stock: bool) -> None:
        rng = self.rng
        for spec in INTERVENTIONS:
            if spec.main_share <= 0:
                continue
            missing = self.target(spec, fraction, True, not stock) - self.active_count(spec.code, True, last)
            for _ in range(max(0, missing)):
                self.new_client(spec, first if stock else random_day(rng, first, last), stock)
        for spec in INTERVENTIONS:
            if spec.main_share >= 1:
                continue
            missing = self.target(spec, fraction, False, not stock) - self.active_count(spec.code, False, last)
            if missing <= 0:
                continue
            hosts = self.hosts_for(spec, first, last)
            for host in rng.sample(hosts, min(missing, len(hosts))):
                self.add_further(spec, host, first, last, stock)

    def add_caseworker_changes(self, yearly_rate: float = 0.08) -> None:
        """Now and then a client's case moves to another caseworker in the team (turnover, workload)."""
        rng = self.rng
        for client in self.clients:
            day = max(self.history_start, client.main.start)
            leaves = min(self.today, client.main.end)
            while True:
                day = after_years(day, rng.expovariate(yearly_rate))
                if day > leaves:
                    break
                current = client.caseworker_on(day)
                others = [u for u in self.caseworkers[client.team] if u != current]
                client.caseworkers.append((day, rng.choice(others)))
