"""Caseload (arbetsbelastning): per caseworker the active clients and decisions, reviews overdue and due soon,
and the yearly cost they manage; per team the spread (min, median, max) and each caseworker against the team mean.

One query for the decisions, one for the caseworkers, one pass of the cost engine: no query per caseworker.
A caseworker belongs to their own team (not their clients').
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.accounts import access
from insatskollen.casework.reviews import next_review_due
from insatskollen.costing.selectors import ENGINE_FIELDS, year_summary
from insatskollen.register.models import Decision

DUE_SOON_DAYS = 30
NO_TEAM = "Utan team"
DECISION_FIELDS = (*ENGINE_FIELDS, "client_id", "decision_date", "last_review_date", "caseworker_id",
                   "caseworker__username", "caseworker__first_name", "caseworker__last_name",
                   "caseworker__team_id", "caseworker__team__name")


@dataclass
class CaseworkerLoad:
    caseworker_id: int
    name: str
    team_id: int | None
    team_name: str
    clients: int = 0
    decisions: int = 0
    reviews_overdue: int = 0
    reviews_due_soon: int = 0
    annual_cost: Decimal = Decimal(0)
    cost_vs_mean: Decimal | None = None  # the caseworker's cost / the team mean (1 = the mean)
    decisions_vs_mean: Decimal | None = None
    client_ids: set[int] = field(default_factory=set, repr=False)


@dataclass(frozen=True)
class Spread:
    minimum: Decimal
    median: Decimal
    maximum: Decimal
    mean: Decimal


@dataclass
class TeamLoad:
    team_id: int | None
    team_name: str
    caseworkers: list[CaseworkerLoad]
    cost: Spread
    decisions: Spread
    clients: Spread


@dataclass
class Caseload:
    as_of: dt.date
    year: int
    due_until: dt.date
    teams: list[TeamLoad]


may_see_caseload = access.may_see_caseload  # the rule lives in accounts.access


def spread(values: list[Decimal]) -> Spread:
    if not values:
        return Spread(Decimal(0), Decimal(0), Decimal(0), Decimal(0))
    return Spread(min(values), Decimal(statistics.median(values)), max(values),
                  sum(values, Decimal(0)) / len(values))


def _ratio(value: Decimal, mean: Decimal) -> Decimal | None:
    return value / mean if mean else None


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def caseload(decisions: QuerySet[Decision], caseworkers: QuerySet, as_of: dt.date, *,
             team_ids: list[int] | None = None, due_within_days: int = DUE_SOON_DAYS) -> Caseload:
    """The caseload on `as_of` from the decisions (already narrowed to what the reader may see) and the
    caseworkers to list even without decisions (users). `team_ids`: only these caseworker teams (None: all)."""
    due_until = as_of + dt.timedelta(days=due_within_days)
    active = decisions.filter(start_date__lte=as_of).exclude(end_date__lt=as_of)
    rows = list(active.values(*DECISION_FIELDS))
    # The year's cost of the decisions active on `as_of`, each day with its own terms: the register selector's
    # figure per caseworker (costing.selectors), the same as any other page asking about these decisions.
    year_costs = year_summary(active, as_of.year, by="handlaggare").by if rows else {}
    loads: dict[int, CaseworkerLoad] = {}
    for user in caseworkers.values("pk", "username", "first_name", "last_name", "team_id", "team__name"):
        loads[user["pk"]] = CaseworkerLoad(user["pk"], _name(user["first_name"], user["last_name"], user["username"]),
                                           user["team_id"], user["team__name"] or NO_TEAM)
    usernames: dict[int, str] = {}
    for row in rows:
        key = row["caseworker_id"]
        load = loads.get(key)
        if load is None:  # e.g. the unit head as a decision's caseworker
            load = loads[key] = CaseworkerLoad(
                key, _name(row["caseworker__first_name"], row["caseworker__last_name"], row["caseworker__username"]),
                row["caseworker__team_id"], row["caseworker__team__name"] or NO_TEAM)
        load.decisions += 1
        load.client_ids.add(row["client_id"])
        due = next_review_due(row["decision_date"], row["last_review_date"])
        load.reviews_overdue += due < as_of
        load.reviews_due_soon += as_of <= due <= due_until
        usernames[key] = row["caseworker__username"]
    for key, load in loads.items():
        load.clients = len(load.client_ids)
        figures = year_costs.get(usernames.get(key, ""))
        load.annual_cost = figures.cost if figures else Decimal(0)
    by_team: dict[int | None, list[CaseworkerLoad]] = {}
    for load in loads.values():
        if team_ids is None or load.team_id in team_ids:
            by_team.setdefault(load.team_id, []).append(load)
    teams = [_team(members) for members in by_team.values()]
    teams.sort(key=lambda t: (t.team_id is None, t.team_name))
    return Caseload(as_of=as_of, year=as_of.year, due_until=due_until, teams=teams)


def _team(members: list[CaseworkerLoad]) -> TeamLoad:
    members.sort(key=lambda m: (-m.annual_cost, m.name))
    cost = spread([m.annual_cost for m in members])
    decisions = spread([Decimal(m.decisions) for m in members])
    for member in members:
        member.cost_vs_mean = _ratio(member.annual_cost, cost.mean)
        member.decisions_vs_mean = _ratio(Decimal(member.decisions), decisions.mean)
    return TeamLoad(team_id=members[0].team_id, team_name=members[0].team_name, caseworkers=members, cost=cost,
                    decisions=decisions, clients=spread([Decimal(m.clients) for m in members]))
