"""The committee report as shown: whole kronor, every table adding up to its total row.

`build_report` keeps every figure in öre, each rounded once (costing.money), so that the report agrees with every
other page to the öre. For the committee it is shown in whole kronor, and a reader adds up the columns: here each
column of rows is allocated by largest remainder to its total's own rounding, a shown revenue is the shown cost −
the shown net, and a deviation is the shown budget − the shown net. Accumulated months are running sums of the shown
months, so the last one is the shown total. The sentences and the charts are written from this same copy.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from insatskollen.costing.money import allocate, round_to, shown_table
from insatskollen.costing.selectors import Figures
from insatskollen.followup import report_allocation
from insatskollen.followup.report import CommitteeReport, Corrections, GroupRow, MonthRow, ReportForecast

ZERO = Decimal(0)


def _figures(value) -> Figures:
    return Figures(value.cost, value.revenue, value.net)


def _column(values: list[Decimal | None], total: Decimal | None) -> list[Decimal | None]:
    """Allocate the present values of a column to `total`; None stays None."""
    present = [i for i, v in enumerate(values) if v is not None]
    if total is None:
        return [None if v is None else round_to(v) for v in values]
    allocated = allocate([values[i] for i in present], total)
    result: list[Decimal | None] = [None] * len(values)
    for i, value in zip(present, allocated):
        result[i] = value
    return result


def _figure_column(rows: list[Figures], total: Figures) -> tuple[list[Figures], Figures]:
    shown_rows, shown_total = shown_table(rows, total)
    return [_figures(r) for r in shown_rows], _figures(shown_total)


def _groups(report: CommitteeReport) -> tuple[list[GroupRow], GroupRow | None, GroupRow]:
    rows = list(report.groups) + ([report.unallocated] if report.unallocated else [])
    total = report.total
    columns = {}
    for name in ("actual", "register_to_date", "register_year"):
        columns[name] = _figure_column([getattr(r, name) for r in rows], getattr(total, name))
    for name in ("budget_to_date", "budget_year"):
        columns[name] = (_column([getattr(r, name) for r in rows], getattr(total, name)),
                         None if getattr(total, name) is None else round_to(getattr(total, name)))
    shown_rows = [replace(row, **{name: columns[name][0][i] for name in columns}) for i, row in enumerate(rows)]
    shown_total = replace(total, **{name: columns[name][1] for name in columns})
    unallocated = shown_rows.pop() if report.unallocated else None
    return shown_rows, unallocated, shown_total


def _months(report: CommitteeReport) -> list[MonthRow]:
    months = report.months
    with_actual = [m for m in months if m.actual is not None]
    actual_rows, _ = _figure_column([m.actual for m in with_actual], report.total.actual) if with_actual else ([], None)
    actual = dict(zip((m.label for m in with_actual), actual_rows))
    register_rows, _ = _figure_column([m.register for m in months], report.total.register_year)
    budgets = _column([m.budget for m in months], report.total.budget_year)
    result, running_actual, running_budget = [], ZERO, ZERO
    for month, register, budget in zip(months, register_rows, budgets):
        shown_actual = actual.get(month.label)
        if shown_actual is not None:
            running_actual += shown_actual.net
        if budget is not None:
            running_budget += budget
        result.append(replace(
            month, actual=shown_actual, register=register, budget=budget,
            accumulated_actual=running_actual if month.accumulated_actual is not None else None,
            accumulated_budget=running_budget if month.accumulated_budget is not None else None))
    return result


def _changes(report: CommitteeReport):
    changes = report.changes
    previous, current = round_to(changes.previous_total), round_to(changes.current_total)
    deltas = allocate([row.delta for row in changes.summary], current - previous)
    summary = [replace(row, delta=delta) for row, delta in zip(changes.summary, deltas)]
    rows = [replace(row, previous=round_to(row.previous), current=round_to(row.current)) for row in changes.rows]
    return replace(changes, summary=summary, rows=rows, previous_total=previous, current_total=current)


def _corrections(corrections: Corrections | None) -> Corrections | None:
    if corrections is None:
        return None
    amounts = allocate([row.amount for row in corrections.rows], corrections.total) if corrections.rows else []
    return replace(corrections, total=round_to(corrections.total),
                   rows=[replace(row, amount=amount) for row, amount in zip(corrections.rows, amounts)])


def _forecast(forecast: ReportForecast | None) -> ReportForecast | None:
    if forecast is None:
        return None
    net = round_to(forecast.net)
    since = None if forecast.net_since is None else round_to(forecast.net_since)
    amounts = allocate([d.amount for d in forecast.drivers], net - since) if since is not None else []
    return replace(forecast, net=net, net_since=since,
                   budget_net=None if forecast.budget_net is None else round_to(forecast.budget_net),
                   low=None if forecast.low is None else round_to(forecast.low),
                   high=None if forecast.high is None else round_to(forecast.high),
                   drivers=[replace(d, amount=a) for d, a in zip(forecast.drivers, amounts)])


def in_kronor(report: CommitteeReport) -> CommitteeReport:
    """The report with every amount in whole kronor, each table adding up to its total row."""
    groups, unallocated, total = _groups(report)
    return replace(
        report, groups=groups, unallocated=unallocated, total=total, months=_months(report),
        changes=_changes(report), corrections=_corrections(report.corrections), forecast=_forecast(report.forecast),
        allocation=report_allocation.shown(report.allocation),
        keyfigures=[replace(k, cost_per_client=None if k.cost_per_client is None else float(round_to(
            Decimal(repr(k.cost_per_client))))) for k in report.keyfigures],
    )

