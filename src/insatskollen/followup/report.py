"""The monthly (or tertial) report to the committee, as plain data. The renderers (HTML, PDF, xlsx) only draw it.

For month M of year Y: cost and revenue to date against budget by group of interventions (ledger actuals, or the
register's cost when the ledger has nothing for the year), the register's cost to date and for the full year at
its known decisions, key figures per code, and the largest changes since last month with the cases behind them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from insatskollen.accounts.models import Unit
from insatskollen.core.months import SWEDISH_MONTHS, add_months, month_end, month_label
from insatskollen.core.numbers import format_sek
from insatskollen.costing.selectors import ENGINE_FIELDS, Figures, cost_summary, summarise, term_rows
from insatskollen.followup.changes import MonthChanges, month_changes
from insatskollen.followup.groups import group_names, group_of
from insatskollen.followup.report_allocation import ReportAllocation, report_allocation
from insatskollen.followup.selectors import keyfigures_for_year
from insatskollen.ledger.models import LedgerEntry
from insatskollen.ledger.selectors import UNIT_TOTAL, activity_codes, budget_by_month, ledger_figures
from insatskollen.register.models import DecisionVersion
from insatskollen.register.periods import closed_at
from insatskollen.survey.selectors import latest_by_provider

ZERO = Decimal(0)
NO_FIGURES = Figures(ZERO, ZERO, ZERO)
TERTIAL_LAST_MONTH = {1: 4, 2: 8}
UNALLOCATED = "Budget på enhetsnivå (ej fördelad)"


def add(a: Figures, b: Figures) -> Figures:
    return Figures(a.cost + b.cost, a.revenue + b.revenue, a.net + b.net)


def total_of(items) -> Figures:
    result = NO_FIGURES
    for item in items:
        result = add(result, item)
    return result


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    month: dt.date  # the report's month M, first day
    tertial: int | None = None

    @classmethod
    def of(cls, month: dt.date, tertial: int | None = None) -> ReportPeriod:
        if tertial is not None:
            if tertial not in TERTIAL_LAST_MONTH:
                raise ValueError("Tertial ska vara 1 eller 2.")
            return cls(month.year, dt.date(month.year, TERTIAL_LAST_MONTH[tertial], 1), tertial)
        return cls(month.year, month.replace(day=1), None)

    @property
    def labels(self) -> list[str]:
        return [f"{self.year:04d}-{m:02d}" for m in range(1, self.month.month + 1)]

    @property
    def last_day(self) -> dt.date:
        return month_end(self.month)

    @property
    def month_name(self) -> str:
        return SWEDISH_MONTHS[self.month.month - 1]

    @property
    def title(self) -> str:
        if self.tertial:
            return f"Tertialrapport {self.tertial} {self.year}"
        return f"Månadsrapport {self.month_name} {self.year}"

    @property
    def span_text(self) -> str:
        """"januari–juni 2025" (or just "januari 2025")."""
        if self.month.month == 1:
            return f"januari {self.year}"
        return f"januari–{self.month_name} {self.year}"


@dataclass(frozen=True)
class GroupRow:
    name: str
    actual: Figures  # to date: the ledger, or the register when the ledger has nothing
    budget_to_date: Decimal | None  # None: no budget line for this group
    budget_year: Decimal | None
    register_to_date: Figures
    register_year: Figures  # the full year at the register's known decisions, no forecast

    @property
    def deviation(self) -> Decimal | None:
        """Budget − actual net to date: positive is a surplus, negative a deficit."""
        return None if self.budget_to_date is None else self.budget_to_date - self.actual.net

    @property
    def deviation_year(self) -> Decimal | None:
        return None if self.budget_year is None else self.budget_year - self.register_year.net


@dataclass(frozen=True)
class MonthRow:
    label: str
    name: str
    in_period: bool
    actual: Figures | None  # None after the report's month
    register: Figures
    budget: Decimal | None
    accumulated_actual: Decimal | None  # net
    accumulated_budget: Decimal | None


@dataclass(frozen=True)
class KeyFigureRow:
    code: str
    name: str
    group: str
    average_active: list[float]  # per month of the period
    clients: int  # in the report's month
    cost_per_client: float | None  # in the report's month
    change_pct: float | None  # January → the report's month


@dataclass(frozen=True)
class ForecastDriver:
    label: str
    amount: Decimal
    cases: int


@dataclass(frozen=True)
class ReportForecast:
    """The year-end forecast the report carries: the forecast page's figures on the same date (filled in by
    `forecasting.report_forecast`, which sits above this app)."""

    as_of: dt.date
    method: str  # the recommended method, in Swedish
    net: Decimal
    budget_net: Decimal | None  # None: no budget for the year
    low: Decimal | None  # the 80 % interval, when there is evidence for one
    high: Decimal | None
    actual_span: str  # which ledger months are actual, in words
    since: dt.date | None  # the previous report's date: the bridge runs from there
    net_since: Decimal | None
    drivers: list[ForecastDriver] = field(default_factory=list)
    year_complete: bool = False  # every month of the year is actual: the forecast is the year's outcome
    missing: list[str] = field(default_factory=list)  # ended months without ledger entries ("2025-03")

    @property
    def deviation(self) -> Decimal | None:
        """Budget − forecast net: positive is a surplus (None without a budget)."""
        return None if self.budget_net is None else self.budget_net - self.net

    @property
    def change(self) -> Decimal | None:
        return None if self.net_since is None else self.net - self.net_since


@dataclass
class CommitteeReport:
    unit_name: str
    period: ReportPeriod
    source: str  # "ledger" | "register"
    groups: list[GroupRow]
    unallocated: GroupRow | None
    total: GroupRow
    months: list[MonthRow]
    keyfigures: list[KeyFigureRow]
    changes: MonthChanges
    generated_at: dt.datetime
    ledger_through: str | None
    compared_through: str | None  # the last month whose actuals are compared with the budget
    notes: list[str] = field(default_factory=list)
    register_known_at: dt.datetime | None = None  # a closed month: the register as known at its closing
    corrections: Corrections | None = None
    forecast: ReportForecast | None = None
    allocation: ReportAllocation | None = None  # Table 5 (followup.report_allocation)
    survey: list[tuple[str, str, str]] = field(default_factory=list)  # (provider, round, result or "för få svar")

    @property
    def forecast_as_of(self) -> dt.date:
        """The report's date for its forecast: the month's last day, or today while the month runs."""
        return min(self.period.last_day, timezone.localdate())

    @property
    def previous_report_day(self) -> dt.date:
        """The date of the report before this one: last month's end, or for a tertial the previous tertial's."""
        if self.period.tertial == 2:
            return month_end(dt.date(self.period.year, TERTIAL_LAST_MONTH[1], 1))
        if self.period.tertial == 1 or self.period.month.month == 1:
            return dt.date(self.period.year - 1, 12, 31)
        return month_end(add_months(self.period.month, -1))

    @property
    def title(self) -> str:
        return self.period.title

    @property
    def has_budget(self) -> bool:
        return self.total.budget_year is not None

    @property
    def source_text(self) -> str:
        return "ekonomisystemet" if self.source == "ledger" else "registrets beräkning"

    @property
    def compared_span_text(self) -> str:
        """The months whose actuals meet the budget: the period, or fewer when the ledger is behind."""
        if self.compared_through is None or self.compared_through == month_label(self.period.month):
            return self.period.span_text
        return ReportPeriod.of(dt.date(self.period.year, int(self.compared_through[5:]), 1)).span_text

    @property
    def period_months(self) -> list[MonthRow]:
        return [m for m in self.months if m.in_period]

    @property
    def month_labels_short(self) -> list[str]:
        return [m.name[:3] for m in self.period_months]


def _budget(year: int, as_of: dt.date) -> dict[tuple[str, str], Decimal]:
    """{(month label, group or UNALLOCATED): net budget}."""
    codes = activity_codes()
    result: dict[tuple[str, str], Decimal] = {}
    for (label, activity), amount in budget_by_month(year, by_activity=True, as_of=as_of).items():
        group = UNALLOCATED if activity == UNIT_TOTAL else group_of(codes.get(activity, activity))
        result[(label, group)] = result.get((label, group), ZERO) + amount
    return result


def _register(period: ReportPeriod, cutoff: dt.datetime | None):
    """The register priced over the year, summed per group: as known at `cutoff` (a closed month's closing), or as
    it stands now (an open month)."""
    rows = term_rows(None, dt.date(period.year, 1, 1), dt.date(period.year, 12, 31), cutoff=cutoff,
                     fields=(*ENGINE_FIELDS, "intervention_type__code"))
    for row in rows:
        row["group"] = group_of(row["intervention_type__code"])
    return summarise(rows, dt.date(period.year, 1, 1), 12, "group")


@dataclass(frozen=True)
class CorrectionRow:
    decision: str
    client: str  # masked
    affects_from: dt.date
    known_at: dt.datetime
    reason: str
    amount: Decimal  # the change of the register's net of the report's months


@dataclass(frozen=True)
class Corrections:
    """Corrections recorded after the report's month closed, of days up to its end: beside the report, not in it."""

    closed_at: dt.datetime
    total: Decimal  # the register's net of January–M as known now − as known at the closing
    rows: list[CorrectionRow]


def _corrections(period: ReportPeriod, closed_at: dt.datetime) -> Corrections:
    first, last = dt.date(period.year, 1, 1), period.last_day
    count = period.month.month
    now, then = (cost_summary(None, first_month=first, month_count=count, by="beslut", cutoff=c)
                 for c in (None, closed_at))
    versions = (DecisionVersion.objects.filter(is_correction=True, known_at__gt=closed_at, affects_from__lte=last)
                .select_related("decision__client").order_by("known_at", "id"))
    rows, seen = [], set()
    for version in versions:
        if version.decision_id in seen:
            continue
        seen.add(version.decision_id)
        key = str(version.decision_id)
        amount = now.by.get(key, NO_FIGURES).net - then.by.get(key, NO_FIGURES).net
        rows.append(CorrectionRow(version.decision.label, version.decision.client.masked_personal_number,
                                  version.affects_from, timezone.localtime(version.known_at), version.note, amount))
    return Corrections(closed_at=timezone.localtime(closed_at), total=now.total.net - then.total.net, rows=rows)


def _unit_name() -> str:
    return Unit.objects.order_by("id").values_list("name", flat=True).first() or "Beställarenheten"


def _keyfigures(period: ReportPeriod, cutoff: dt.datetime | None) -> list[KeyFigureRow]:
    labels = period.labels
    compare = (labels[0], labels[-1])
    figures = keyfigures_for_year(None, period.year, compare=compare, cutoff=cutoff)
    rows = []
    for code, f in figures.items():
        counts = [f.average_active.get(label, 0.0) for label in labels]
        if not any(counts):
            continue
        rows.append(KeyFigureRow(code=code, name=f.name, group=group_of(code), average_active=counts,
                                 clients=f.clients.get(labels[-1], 0), cost_per_client=f.cost_per_client(labels[-1]),
                                 change_pct=f.change_pct))
    order = {name: i for i, name in enumerate(group_names())}
    return sorted(rows, key=lambda r: (order[r.group], r.code))


def _actuals(period: ReportPeriod, register) -> tuple[str, dict, list[str], dt.date | None, list[str]]:
    """(source, {(month label, group): Figures}, compared month labels, last ledger period, notes)."""
    last_period = (LedgerEntry.objects.filter(period__year=period.year, period__lte=period.month)
                   .order_by("-period").values_list("period", flat=True).first())
    if last_period is None:
        actual_by = {(label, group): months.get(label, NO_FIGURES)
                     for group, months in register.by_month.items() for label in period.labels}
        note = (f"Ekonomisystemet har inga bokningar för {period.year} t.o.m. {period.month_name}. "
                f"Utfallet i rapporten är därför registrets beräknade kostnad för beslutade insatser.")
        return "register", actual_by, period.labels, None, [note]
    actual_by: dict[tuple[str, str], Figures] = {}
    for (label, code), figures in ledger_figures(period.year, through=period.last_day, by_code=True).items():
        key = (label, group_of(code))
        actual_by[key] = add(actual_by.get(key, NO_FIGURES), figures)
    compared = [label for label in period.labels if label <= month_label(last_period)]
    notes = []
    if last_period < period.month:
        notes.append(f"Ekonomisystemet har bokningar t.o.m. {month_label(last_period)}. Utfall och budget jämförs "
                     f"därför t.o.m. {SWEDISH_MONTHS[last_period.month - 1]}.")
    return "ledger", actual_by, compared, last_period, notes


def build_report(month: dt.date, *, tertial: int | None = None, change_limit: int = 10) -> CommitteeReport:
    period = ReportPeriod.of(month, tertial)
    labels = period.labels
    all_labels = [month_label(add_months(dt.date(period.year, 1, 1), i)) for i in range(12)]
    closed = closed_at(period.month)
    register = _register(period, closed)
    source, actual_by, compared, last_period, notes = _actuals(period, register)
    corrections = _corrections(period, closed) if closed else None
    if closed:
        notes.append(f"{period.month_name.capitalize()} {period.year} är stängd: registret redovisas som det var "
                     f"känt när månaden stängdes ({timezone.localtime(closed):%Y-%m-%d %H:%M}).")
        if corrections.rows:
            notes.append(f"Rättelser efter stängningen ändrar registrets nettokostnad för perioden med "
                         f"{format_sek(corrections.total)}; de redovisas för sig och ingår inte i rapportens siffror.")

    budget = _budget(period.year, period.last_day)
    budgeted_groups = {group for _, group in budget}
    if not budget:
        notes.append(f"Ingen budget är inlagd för {period.year}; avvikelse mot budget kan inte redovisas.")

    def budget_sum(group: str, months: list[str]) -> Decimal | None:
        if group not in budgeted_groups:
            return None
        return sum((budget.get((label, group), ZERO) for label in months), ZERO)

    groups = []
    for name in group_names():
        actual = (total_of(actual_by.get((label, name), NO_FIGURES) for label in compared) if source == "ledger"
                  else register.span(compared, name))  # the register standing in: its own figure, rounded once
        register_year = register.by.get(name, NO_FIGURES)
        register_to_date = register.span(labels, name)
        row = GroupRow(name, actual, budget_sum(name, compared), budget_sum(name, all_labels), register_to_date,
                       register_year)
        if actual != NO_FIGURES or register_year != NO_FIGURES or row.budget_year is not None:
            groups.append(row)
    unallocated = None
    if UNALLOCATED in budgeted_groups:
        unallocated = GroupRow(UNALLOCATED, NO_FIGURES, budget_sum(UNALLOCATED, compared),
                               budget_sum(UNALLOCATED, all_labels), NO_FIGURES, NO_FIGURES)
        if len(budgeted_groups) == 1:
            notes.append("Budgeten är lagd på enhetsnivå; avvikelsen redovisas för enheten som helhet.")
    total = GroupRow(
        "Totalt", total_of(g.actual for g in groups) if source == "ledger" else register.span(compared),
        sum((v for (label, _), v in budget.items() if label in compared), ZERO) if budget else None,
        sum(budget.values(), ZERO) if budget else None,
        register.span(labels), register.total)  # the register's own figures, not the sum of rounded groups

    return CommitteeReport(
        unit_name=_unit_name(), period=period, source=source, groups=groups, unallocated=unallocated, total=total,
        months=_months(all_labels, labels, compared, actual_by, budget, register, source),
        keyfigures=_keyfigures(period, closed),
        changes=month_changes(period.month, limit=change_limit, known_before=closed_at(add_months(period.month, -1)),
                              known_after=closed),
        generated_at=timezone.localtime(), ledger_through=month_label(last_period) if last_period else None,
        compared_through=compared[-1] if compared else None, notes=notes, register_known_at=closed,
        corrections=corrections, allocation=report_allocation(period.year, period.last_day),
        survey=[(name, r.title, result.label) for name, (r, result) in latest_by_provider().items()
                if r.opens_on <= period.last_day],
    )


def _months(all_labels, labels, compared, actual_by, budget, register, source) -> list[MonthRow]:
    months = []
    accumulated_actual = ZERO
    accumulated_budget = ZERO
    for index, label in enumerate(all_labels):
        has_actual = label in compared
        if source == "ledger":
            actual = total_of(actual_by.get((label, name), NO_FIGURES) for name in group_names()) if has_actual else None
        else:
            actual = register.months.get(label, NO_FIGURES) if has_actual else None
        month_budget = sum((v for (m, _), v in budget.items() if m == label), ZERO) if budget else None
        if actual is not None:
            accumulated_actual = (accumulated_actual + actual.net if source == "ledger"
                                  else register.span(all_labels[:index + 1]).net)
        if month_budget is not None:
            accumulated_budget += month_budget
        months.append(MonthRow(label=label, name=SWEDISH_MONTHS[index], in_period=label in labels, actual=actual,
                               register=register.months.get(label, NO_FIGURES), budget=month_budget,
                               accumulated_actual=accumulated_actual if has_actual else None,
                               accumulated_budget=accumulated_budget if budget else None))
    return months
