"""Reads of IFO cost sharing: the cases' gross term periods, the monthly recharge statement, and the "Svarte
Petter" worklist: clients IFO is involved with (flagged, or given an IFO share in the register) that have no
agreement on the day, with the cost at stake."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from insatskollen.accounts import access
from insatskollen.core.months import add_years
from insatskollen.costing.selectors import term_rows
from insatskollen.costsharing import recharge
from insatskollen.costsharing.models import IfoInvolvement, SharingAgreement, SharingDispute
from insatskollen.register.models import Client, Decision

ZERO = Decimal("0.00")


def gross_periods(decision_ids, first: dt.date, last: dt.date) -> list[recharge.TermPeriod]:
    """The register's current term periods of the decisions with a day in [first, last]."""
    rows = term_rows(Decision.objects.filter(pk__in=list(decision_ids)), first, last,
                     fields=("start_date", "end_date", "unit", "extent", "price"))
    return [recharge.TermPeriod(r["decision_id"], r["start_date"], r["end_date"], r["unit"], r["extent"], r["price"])
            for r in rows]


def agreements_visible_to(user) -> QuerySet[SharingAgreement]:
    qs = SharingAgreement.objects.select_related("client", "client__team", "decision__intervention_type",
                                                 "recorded_by")
    teams = access.team_ids_visible(user)
    return qs if teams is None else qs.filter(client__team_id__in=teams)


def disputes_visible_to(user) -> QuerySet[SharingDispute]:
    qs = SharingDispute.objects.select_related("client", "agreement", "raised_by")
    teams = access.team_ids_visible(user)
    return qs if teams is None else qs.filter(client__team_id__in=teams)


@dataclass
class StatementLine:
    client: Client
    decision: Decision | None
    agreement: SharingAgreement
    days: int
    basis: Decimal
    amount: Decimal


@dataclass
class Statement:
    month: dt.date
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def _plain(a: SharingAgreement) -> recharge.Agreement:
    return recharge.Agreement(a.pk, a.client_id, a.kind, a.share_pct, a.amount_per_month, a.valid_from, a.valid_to,
                              tuple(a.decision_ids))


def recharge_statement(month: dt.date, user=None) -> Statement:
    """What IFO owes for `month` under every agreement valid in it, case by case."""
    month = month.replace(day=1)
    last = recharge.month_last(month)
    qs = agreements_visible_to(user) if user is not None else SharingAgreement.objects.select_related("client")
    agreements = list(qs.filter(valid_from__lte=last).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month)))
    ids = {i for a in agreements for i in a.decision_ids}
    periods = gross_periods(ids, month, last)
    lines = recharge.recharge_month([_plain(a) for a in agreements], periods, month)
    by_id = {a.pk: a for a in agreements}
    decisions = Decision.objects.select_related("intervention_type").in_bulk(ids)
    statement = Statement(month)
    for line in lines:
        a = by_id[line.agreement_id]
        statement.lines.append(StatementLine(a.client, decisions.get(line.decision_id), a, line.days, line.basis,
                                             line.amount))
    statement.lines.sort(key=lambda s: (s.client.personal_number, s.decision.pk if s.decision else 0))
    return statement


def recharge_by_month(year: int, through: dt.date) -> list[tuple[dt.date, Decimal]]:
    out = []
    for m in range(1, 13):
        month = dt.date(year, m, 1)
        if month > through:
            break
        out.append((month, recharge_statement(month).total))
    return out


@dataclass
class SvartePetter:
    client: Client
    flagged: bool
    decisions: list[Decision]
    year_cost: Decimal  # the gross cost of the client's decisions over the twelve months from the day
    registered_share: Decimal  # of which the register already treats as IFO's without an agreement


def svarte_petter(as_of: dt.date, *, team_ids: list[int] | None = None,
                  decisions: QuerySet[Decision] | None = None) -> list[SvartePetter]:
    """Clients IFO is involved with — flagged, or with an IFO share in the register — active on `as_of`, with no
    agreement valid that day; the dearest first. The cost at stake is their decisions' gross cost over the twelve
    months from `as_of` at the terms registered now."""
    qs = decisions if decisions is not None else Decision.objects.all()
    if team_ids is not None:
        qs = qs.filter(client__team_id__in=team_ids)
    active = qs.filter(start_date__lte=as_of).exclude(end_date__lt=as_of)
    flagged = set(IfoInvolvement.objects.values_list("client_id", flat=True))
    shared = set(active.filter(ifo_share_pct__gt=0).values_list("client_id", flat=True))
    covered = set(SharingAgreement.objects.filter(valid_from__lte=as_of).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=as_of)).values_list("client_id", flat=True))
    wanted = (flagged | shared) - covered
    rows = list(active.filter(client_id__in=wanted).select_related("client", "client__team", "intervention_type"))
    by_client: dict[int, list[Decision]] = defaultdict(list)
    for d in rows:
        by_client[d.client_id].append(d)
    last = add_years(as_of, 1) - dt.timedelta(days=1)
    periods = gross_periods([d.pk for d in rows], as_of, last)
    per_decision: dict[int, list[recharge.TermPeriod]] = defaultdict(list)
    for p in periods:
        per_decision[p.decision_id].append(p)
    out = []
    for client_id, ds in by_client.items():
        cost = ZERO
        share = ZERO
        for d in ds:
            c = recharge.gross_cost(per_decision[d.pk], as_of, last)
            cost += c
            share += c * d.ifo_share_pct / 100
        out.append(SvartePetter(ds[0].client, client_id in flagged, ds, recharge.ore(cost), recharge.ore(share)))
    out.sort(key=lambda s: (-s.year_cost, s.client.pk))
    return out


def worklist_items(qs: QuerySet[Decision], as_of: dt.date, until, team: str | None) -> list[dict]:
    """The `worklist ifo` command's items (JSON-ready)."""
    if team:
        qs = qs.filter(client__team__code=team)
    return [{"client_id": s.client.pk, "client": s.client.masked_personal_number, "team": s.client.team.name
             if s.client.team_id else "", "flagged": s.flagged, "decisions": [d.label for d in s.decisions],
             "year_cost": float(s.year_cost), "registered_share_without_agreement": float(s.registered_share)}
            for s in svarte_petter(as_of, decisions=qs)]
