"""Reads for the exchange and the comparison: the unit's own monthly figures per code (the register, the
allocation and the budget, read once and handed to the pure cores), the imported districts' figures and Kolada's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from insatskollen.accounts.models import Unit
from insatskollen.allocation.selectors import allocation_for, end_of
from insatskollen.benchmarking.comparison import CodeComparison, compare_code, sum_months
from insatskollen.benchmarking.figures import MonthFigures, compute_month_figures
from insatskollen.benchmarking.models import DistrictFigure, KoladaMunicipality, KoladaValue
from insatskollen.costing.selectors import ENGINE_FIELDS, term_rows
from insatskollen.ledger.models import BudgetKind, BudgetLine
from insatskollen.register.models import InterventionType

FIELDS = (*ENGINE_FIELDS, "intervention_type__code", "client_id", "provider__kind")


def own_district_name() -> str:
    unit = Unit.objects.order_by("pk").first()
    return unit.name if unit else "Enheten"


def register_rows(first: dt.date, last: dt.date, as_of: dt.date) -> list[dict]:
    return [
        {"code": r["intervention_type__code"], "client_id": r["client_id"], "provider_kind": r["provider__kind"],
         "start": r["start_date"], "end": r["end_date"], "unit": r["unit"], "extent": r["extent"],
         "price": r["price"], "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in term_rows(None, first, last, cutoff=end_of(as_of), fields=FIELDS)
    ]


def allocation_by_code(year: int, as_of: dt.date) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The year's schablon and allocation (schablon + granted claims) per code."""
    result = allocation_for(year, as_of)
    schablon: dict[str, Decimal] = defaultdict(Decimal)
    claims: dict[str, Decimal] = defaultdict(Decimal)
    n_dates = len(result.dates) or 1
    for day in result.dates:
        for counted in day.counted:
            schablon[counted.code] += counted.rate
    for person in result.persons:
        claims[person.code] += person.claims
    codes = {code for codes in result.group_codes.values() for code in codes}
    yearly = {code: schablon.get(code, Decimal(0)) / n_dates for code in codes}
    return yearly, {code: yearly[code] + claims.get(code, Decimal(0)) for code in codes}


def budget_by_code(year: int, as_of: dt.date):
    budget: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    transfers: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = BudgetLine.objects.filter(year=year).exclude(activity="").exclude(
        kind=BudgetKind.SUPPLEMENTARY, decided_on__gt=as_of)
    for line in lines.order_by("month", "activity", "id"):
        key = (f"{year:04d}-{line.month:02d}", line.activity)
        if line.kind == BudgetKind.SUPPLEMENTARY:
            transfers[key] += line.amount
            if line.reason and line.reason not in reasons[key]:
                reasons[key].append(line.reason)
        else:
            budget[key] += line.amount
    return dict(budget), dict(transfers), dict(reasons)


def own_month_figures(year: int, *, through: dt.date, as_of: dt.date | None = None) -> list[MonthFigures]:
    """The unit's months January–`through`'s month of `year`, the register as known at the end of `as_of`
    (default: `through`'s last day), suppressed as in the file."""
    as_of = as_of or through
    months = through.month if through.year == year else 12
    first, last = dt.date(year, 1, 1), dt.date(year, months, 1)
    last_day = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    yearly_schablon, yearly_allocation = allocation_by_code(year, as_of)
    names = dict(InterventionType.objects.values_list("code", "name"))
    # Only intervention codes: a budget activity that is no intervention (administration) has no twin elsewhere.
    budget, transfers, reasons = ({key: v for key, v in d.items() if key[1] in names}
                                  for d in budget_by_code(year, as_of))
    return compute_month_figures(
        register_rows(first, last_day, as_of), year=year, months=months, names=names,
        yearly_schablon=yearly_schablon, yearly_allocation=yearly_allocation,
        budget=budget, transfers=transfers, reasons=reasons)


def districts() -> list[str]:
    return list(DistrictFigure.objects.order_by("district").values_list("district", flat=True).distinct())


def imported_months(year: int) -> list[str]:
    return sorted({m.strftime("%Y-%m") for m in DistrictFigure.objects.filter(month__year=year)
                  .values_list("month", flat=True).distinct()})


def _as_month_dict(f) -> dict:
    budget_total = f.budget_total if isinstance(f, MonthFigures) else (
        None if f.budget is None and f.transfers is None else (f.budget or 0) + (f.transfers or 0))
    return {"persons": f.persons, "days": f.days, "cost": f.cost, "schablon": f.schablon,
            "budget_total": budget_total}


def comparison(year: int, months: list[str], own: list[MonthFigures], own_name: str) -> list[CodeComparison]:
    """Every code that some imported district has, side by side with the unit's own (summed over `months`)."""
    wanted = set(months)
    by: dict[tuple[str, str], list] = defaultdict(list)
    names: dict[str, str] = {}
    for f in DistrictFigure.objects.filter(month__year=year).order_by("district", "code", "month"):
        if f.month.strftime("%Y-%m") in wanted:
            by[(f.code, f.district)].append(_as_month_dict(f))
            names.setdefault(f.code, f.name)
    codes = sorted({code for code, _ in by})
    own_by: dict[str, list] = defaultdict(list)
    for f in own:
        if f.month in wanted:
            own_by[f.code].append(_as_month_dict(f))
            names[f.code] = f.name or names.get(f.code, "")
    result = []
    for code in codes:
        periods = [sum_months(own_name, code, own_by.get(code, []), own=True)] if own_by.get(code) else []
        periods += [sum_months(district, code, months_) for (c, district), months_ in sorted(by.items())
                    if c == code and district != own_name]
        result.append(compare_code(code, names.get(code, ""), periods))
    return result


def kolada_values(kpis: list[str], year: int) -> dict[str, list[tuple[str, str, Decimal | None, bool]]]:
    """Per KPI: (municipality code, name, value, peer) of the total (T) values of `year`, peers first."""
    names = {m.code: (m.name, m.peer) for m in KoladaMunicipality.objects.all()}
    result: dict[str, list] = {kpi: [] for kpi in kpis}
    for v in KoladaValue.objects.filter(kpi__in=kpis, year=year, gender="T").order_by("municipality"):
        name, peer = names.get(v.municipality, (v.municipality, False))
        result[v.kpi].append((v.municipality, name, v.value, peer))
    for rows in result.values():
        rows.sort(key=lambda r: (not r[3], r[1]))
    return result
