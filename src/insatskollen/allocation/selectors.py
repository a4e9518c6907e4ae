"""Reads for the allocation: the year's rates and dates, the register's term periods as known on a day, the
granted claims, and the computed allocation (`allocation_for`), read once and handed to the pure core."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.allocation.computation import (
    Allocation,
    GrantedClaim,
    MeasurementDay,
    Periods,
    Rates,
    compute,
)
from insatskollen.allocation.models import (
    AllocationRate,
    ClaimStatus,
    LevelRequest,
    MeasurementDate,
    SpecialClaim,
)
from insatskollen.allocation.rules import default_measurement_dates, six_months_before, yearly_amount
from insatskollen.costing.selectors import term_rows
from insatskollen.register.models import Decision
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.register.services import start_of_day

PERIOD_FIELDS = ("decision_id", "client_id", "intervention_type__code", "level", "provider__name", "provider__kind",
                 "start_date", "end_date", "unit", "extent", "price", "ifo_share_pct")


def current_rates(year: int | None = None) -> QuerySet[AllocationRate]:
    qs = AllocationRate.objects.filter(replaced_at__isnull=True)
    return qs if year is None else qs.filter(year=year)


def rate_history(year: int | None = None) -> QuerySet[AllocationRate]:
    """Every rate ever imported, the replaced ones too, newest first within a year, code and level."""
    qs = AllocationRate.objects.all()
    return qs if year is None else qs.filter(year=year)


def rates_for(year: int) -> Rates:
    yearly, groups = {}, {}
    for rate in current_rates(year):
        yearly[(rate.code, rate.level)] = yearly_amount(rate.amount, rate.unit, year)
        groups[rate.code] = rate.group or rate.code
    return Rates(yearly=yearly, groups=groups)


def measurement_days(year: int) -> list[MeasurementDay]:
    """The year's measurement dates; without any stored, 31 March and 30 September with the six-month rule."""
    stored = [MeasurementDay(m.date, m.six_month_rule) for m in MeasurementDate.objects.filter(year=year)]
    return stored or [MeasurementDay(d, rule) for d, rule in default_measurement_dates(year)]


def end_of(day: dt.date) -> dt.datetime:
    """The moment a day ends: the register as known on `day` is what it held just before this."""
    return start_of_day(day + dt.timedelta(days=1))


def periods_for(codes: list[str], first: dt.date, last: dt.date, as_of: dt.date,
                decisions: QuerySet[Decision] | None = None) -> Periods:
    """The term periods of the codes with a day in [first, last], as known at the end of `as_of`."""
    if not codes:
        return Periods.from_rows([])
    qs = (decisions if decisions is not None else Decision.objects.all()).filter(intervention_type__code__in=codes)
    rows = term_rows(qs, first, last, cutoff=end_of(as_of), fields=PERIOD_FIELDS)
    for row in rows:
        row["code"] = row.pop("intervention_type__code")
        row["provider"] = row.pop("provider__name")
        row["provider_kind"] = row.pop("provider__kind")
    return Periods.from_rows(rows)


def granted_claims(year: int, as_of: dt.date) -> list[GrantedClaim]:
    """Granted, payable claims at the year's dates, decided by `as_of`."""
    claims = SpecialClaim.objects.filter(measurement_date__year=year, status=ClaimStatus.GRANTED, payable=True,
                                         amount_granted__isnull=False).exclude(decided_on__gt=as_of)
    return [GrantedClaim(person=c.client_id, code=c.intervention_type.code, date=c.measurement_date,
                         amount=c.amount_granted or Decimal(0)) for c in claims.select_related("intervention_type")]


def allocation_for(year: int, as_of: dt.date, *, provider_kind: str | None = None, user=None) -> Allocation:
    """The year's allocation as known on `as_of` (see `allocation.computation`); with `user`, only the decisions
    the user may see."""
    rates = rates_for(year)
    days = measurement_days(year)
    first = min([dt.date(year, 1, 1), *(six_months_before(d.date) for d in days)])
    last = max([dt.date(year, 12, 31), *(d.date for d in days)])
    decisions = decisions_visible_to(user) if user is not None else None
    periods = periods_for(rates.codes(), first, last, as_of, decisions)
    claims = granted_claims(year, as_of)
    if decisions is not None:
        visible = set(clients_visible_to(user).values_list("pk", flat=True))
        claims = [c for c in claims if c.person in visible]
    return compute(periods, rates, days, year=year, as_of=as_of, claims=claims, provider_kind=provider_kind)


def level_requests(user=None) -> QuerySet[LevelRequest]:
    qs = LevelRequest.objects.select_related("client", "intervention_type")
    if user is not None:
        qs = qs.filter(client__in=clients_visible_to(user))
    return qs


def special_claims(year: int | None = None, user=None) -> QuerySet[SpecialClaim]:
    qs = SpecialClaim.objects.select_related("client", "intervention_type")
    if year is not None:
        qs = qs.filter(measurement_date__year=year)
    if user is not None:
        qs = qs.filter(client__in=clients_visible_to(user))
    return qs
