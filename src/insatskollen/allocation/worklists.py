"""The allocation's two worklists read from the database: "Inför mättillfället" (`allocation.preparation`) and the
level watch (`allocation.level_watch`). Each reads the register as known at the end of the day, narrowed to what
the user may see, and hands plain data to the pure core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from insatskollen.allocation import level_watch, preparation
from insatskollen.allocation.models import LevelRequest, SpecialClaim
from insatskollen.allocation.rules import six_months_before
from insatskollen.allocation.selectors import current_rates, measurement_days, periods_for, rates_for
from insatskollen.core.numbers import format_percent
from insatskollen.register.models import Client, Decision
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to

DEFAULT_SHARE = Decimal("0.10")


def level_watch_share() -> Decimal:
    return Decimal(str(getattr(settings, "ALLOCATION_LEVEL_WATCH_SHARE", DEFAULT_SHARE)))


@dataclass(frozen=True)
class Preparation:
    date: dt.date | None  # the measurement date whose list is open (None: none within 45 days)
    rows: list[preparation.Row]
    n_dates: int

    @property
    def at_stake(self) -> Decimal:
        return sum((r.at_stake for r in self.rows), Decimal(0))


def _decisions(user) -> object:
    return decisions_visible_to(user) if user is not None else Decision.objects.all()


def preparation_for(user, today: dt.date, date: dt.date | None = None) -> Preparation:
    """The list open on `today` (or for `date`), for the cases `user` may see (None: all)."""
    if date is None:
        in_use = set(current_rates().filter(year__in=(today.year, today.year + 1)).values_list("year", flat=True))
        if not in_use:
            return Preparation(None, [], 0)  # no schablon, no allocation to prepare for
        dates = [d.date for year in sorted(in_use) for d in measurement_days(year)]
        date = preparation.open_date(dates, today)
        if date is None:
            return Preparation(None, [], 0)
    rates = rates_for(date.year)
    days = sorted(d.date for d in measurement_days(date.year))
    earlier = [d for d in (*days, *(d.date for d in measurement_days(date.year - 1))) if d < date]
    previous = max(earlier) if earlier else None
    first = min(six_months_before(date), date - dt.timedelta(days=preparation.AROUND_DAYS))
    periods = periods_for(rates.codes(), first, date + dt.timedelta(days=preparation.AROUND_DAYS), today,
                          _decisions(user))
    clients = clients_visible_to(user) if user is not None else Client.objects.all()
    requests = [preparation.Request(
        id=r.pk, person=r.client_id, code=r.intervention_type.code, decision=r.decision_id,
        current_level=r.current_level, requested_level=r.requested_level, need_increased_on=r.need_increased_on,
        status=r.status, applies_from=r.applies_from)
        for r in LevelRequest.objects.filter(client__in=clients).exclude(status="refused")
        .select_related("intervention_type")]
    claim_dates = [d for d in (date, previous) if d is not None]
    claims = [preparation.Claim(
        id=c.pk, person=c.client_id, code=c.intervention_type.code, date=c.measurement_date,
        kind_label=c.get_kind_display(), status=c.status, amount_claimed=c.amount_claimed,
        amount_granted=c.amount_granted, payable=c.payable, reason=c.not_payable_reason)
        for c in SpecialClaim.objects.filter(client__in=clients, measurement_date__in=claim_dates)
        .select_related("intervention_type")]
    rows = preparation.rows_before(date, periods=periods, rates=rates, n_dates=len(days), requests=requests,
                                   claims=claims, previous_date=previous)
    return Preparation(date, rows, len(days))


def level_watch_for(user, day: dt.date) -> list[level_watch.Candidate]:
    rates = rates_for(day.year)
    periods = periods_for(rates.codes(), day, day, day, _decisions(user))
    return level_watch.candidates(periods, rates, day, level_watch_share())


def _labels(decision_ids: set[int]) -> dict[int, Decision]:
    return {d.pk: d for d in Decision.objects.filter(pk__in=decision_ids).select_related("client__team")}


def preparation_items(qs, as_of: dt.date, until, team: str | None) -> dict:
    """The `worklist measurement` command's rows (every case; `--team` narrows)."""
    found = preparation_for(None, as_of)
    decisions = _labels({r.decision for r in found.rows if r.decision})
    clients = {c.pk: c for c in Client.objects.filter(pk__in={r.person for r in found.rows}).select_related("team")}
    items = []
    for r in found.rows:
        client = clients.get(r.person)
        team_code = client.team.code if client and client.team_id else ""
        if team and team_code != team:
            continue
        decision = decisions.get(r.decision) if r.decision else None
        items.append({"section": r.section_label, "decision": decision.label if decision else "",
                      "client": client.masked_personal_number if client else "", "code": r.code, "team": team_code,
                      "what": r.what, "day": r.day.isoformat() if r.day else "", "at_stake": float(r.at_stake)})
    note = (f"Inför mättillfället {found.date.isoformat()}." if found.date else
            "Inget mättillfälle inom 45 dagar: listan öppnar 45 dagar före varje mättillfälle.")
    return {"items": items, "note": note}


def level_watch_items(qs, as_of: dt.date, until, team: str | None) -> dict:
    found = level_watch_for(None, as_of)
    decisions = _labels({c.decision for c in found})
    items = []
    for c in found:
        decision = decisions[c.decision]
        team_code = decision.client.team.code if decision.client.team_id else ""
        if team and team_code != team:
            continue
        items.append({"decision": decision.label, "client": decision.client.masked_personal_number, "code": c.code,
                      "level": c.level, "provider": c.provider, "yearly_price": float(c.yearly_price),
                      "schablon": float(c.schablon), "yearly_saving": float(c.excess), "reason": c.reason})
    return {"items": items, "note": f"Pris över schablonen för nivån med mer än "
                                    f"{format_percent(level_watch_share() * 100)}, eller i nivå med nästa nivå."}
