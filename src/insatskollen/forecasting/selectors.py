"""Forecasts from the database, using only what was known on the as-of date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db import connection
from django.db.models import BigIntegerField, Case, FloatField, Func, IntegerField, Sum, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.core.units import ExtentUnit
from insatskollen.costing.engine import OPEN_END
from insatskollen.forecasting import combination as comb
from insatskollen.forecasting import evidence as ev
from insatskollen.forecasting.backtest import AS_OF_MONTHS, Backtest, month_end, score_backtest
from insatskollen.forecasting.bridge import Bridge, bridge_states, run_rate_bridge, with_expectations
from insatskollen.forecasting.evidence import PredictionInterval
from insatskollen.forecasting.expected_change import LABELS as COMPONENT_LABELS
from insatskollen.forecasting.history import FOREVER, VersionHistory
from insatskollen.forecasting.methods import YearFigures
from insatskollen.forecasting.projection import METHODS, Inputs, Projection, project
from insatskollen.forecasting.registry import COMBINED, LEDGER_METHODS
from insatskollen.forecasting.series import LedgerSeries, month_index
from insatskollen.ledger.models import AccountKind, LedgerEntry
from insatskollen.ledger.selectors import AccountClassifier, budget_for_year, ledger_figures
from insatskollen.register.models import DecisionTerm, DecisionVersion
from insatskollen.register.selectors import decision_case_labels
from insatskollen.register.services import start_of_day

ZERO = Decimal(0)

__all__ = ["COMPONENT_LABELS", "Forecast", "PredictionInterval", "backtest", "forecast", "forecast_bridge"]


@dataclass
class Forecast:
    """The year-end forecast as of a date. `as_dict()` is formats.md §4 exactly; `as_dict(details=True)` adds the
    prediction interval, the evidence (method → MAPE at this as-of month), its basis and the expected change's
    components (English keys, Swedish names in `COMPONENT_LABELS`)."""

    year: int
    as_of: dt.date
    budget_net: Decimal
    actual: YearFigures
    methods: dict[str, YearFigures]
    recommended: str
    interval: PredictionInterval | None = None
    evidence: dict[str, Decimal | None] = field(default_factory=dict)
    evidence_basis: str = ""
    components: dict[str, Decimal] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)  # the combination's weights (method → share)
    weights_basis: str = ""  # "evidence" or "simple" (the fallback)
    corrections: dict[str, float] = field(default_factory=dict)  # method → mean past error removed (%)
    single_snapshot: bool = False  # the register is one snapshot, never revised: weighed as such
    shrinkage: dict[str, float] = field(default_factory=dict)  # expected-change component → share kept
    evidence_errors: dict[str, list[Decimal]] = field(default_factory=dict)
    ledger_months: int = 0  # January–this month count as actual (formats.md §4)
    missing_months: list[int] = field(default_factory=list)  # ended months with no ledger entries imported

    @property
    def actual_span(self) -> str:
        """Which months "utfall hittills" sums, in words: "januari–november 2026"."""
        if not self.ledger_months:
            return f"inga månader av {self.year}"
        if self.ledger_months == 1:
            return f"januari {self.year}"
        return f"januari–{SWEDISH_MONTHS[self.ledger_months - 1]} {self.year}"

    @property
    def missing_labels(self) -> list[str]:
        return [f"{self.year:04d}-{m:02d}" for m in self.missing_months]

    def as_dict(self, details: bool = False) -> dict:
        result = {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "budget_net": float(self.budget_net),
            "actual_to_date": self.actual.as_dict(),
            "forecasts": {name: figures.as_dict(self.budget_net) for name, figures in self.methods.items()},
            "recommended": self.recommended,
        }
        if details:
            result.update({
                "interval": None if self.interval is None else self.interval.as_dict(),
                "evidence": {name: None if v is None else float(v) for name, v in self.evidence.items()},
                "evidence_basis": self.evidence_basis,
                "components": {name: float(v) for name, v in self.components.items()},
                "weights": {name: round(w, 4) for name, w in self.weights.items()},
                "weights_basis": self.weights_basis,
                "corrections": {name: round(v, 4) for name, v in self.corrections.items()},
                "single_snapshot": self.single_snapshot,
                "shrinkage": {name: round(v, 4) for name, v in self.shrinkage.items()},
                "evidence_errors": {name: [float(e) for e in v] for name, v in self.evidence_errors.items()},
                "actual_months": self.ledger_months,
                "missing_months": self.missing_labels,
            })
        return result


def cutoff_of(day: dt.date) -> int:
    """The moment (epoch seconds) the day after `day` begins: what was known on `day` was known before it."""
    return int(start_of_day(day + dt.timedelta(days=1)).timestamp())


class EpochSeconds(Func):
    """A datetime as whole seconds since 1970-01-01 UTC, computed by the database."""

    output_field = BigIntegerField()
    template = "CAST(ROUND((julianday(%(expressions)s) - 2440587.5) * 86400) AS INTEGER)"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)")


class EpochDays(Func):
    """A date as days since 1970-01-01, computed by the database (NULL stays NULL)."""

    output_field = IntegerField()
    template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '1970-01-01')")


def load_inputs(until: dt.date) -> Inputs:
    """The register's terms in time known by the end of `until` and the ledger up to its month: one query each.
    The periods come as plain numbers (dates as day numbers, moments as seconds, units as codes, computed by the
    database) through a cursor straight into one NumPy table: no per-row objects."""
    unit_code = Case(*(When(unit=u.value, then=Value(u.code)) for u in ExtentUnit), output_field=IntegerField())
    qs = (DecisionTerm.objects.filter(known_from__lt=start_of_day(until + dt.timedelta(days=1)))
          .annotate(known_s=EpochSeconds("known_from"), known_to_s=EpochSeconds("known_to"),
                    start_d=EpochDays("valid_from"), end_d=EpochDays("valid_to"), unit_c=unit_code,
                    extent_f=Cast("extent", FloatField()), price_f=Cast("price", FloatField()),
                    ifo_f=Cast("ifo_share_pct", FloatField()), revenue_f=Cast("revenue_per_unit", FloatField()))
          .values_list("decision_id", "known_s", "known_to_s", "intervention_type_id", "start_d", "end_d", "unit_c",
                       "extent_f", "price_f", "ifo_f", "revenue_f"))
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        table = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 11)  # NULL → nan
    ids, known, known_to, code, start, end, unit, extent, price, ifo, revenue = table.T
    history = VersionHistory.from_columns(
        ids.astype(np.int64), known.astype(np.int64),
        np.where(np.isnan(known_to), 0, known_to).astype(np.int64) + np.where(np.isnan(known_to), FOREVER, 0),
        code.astype(np.int64), start.astype(np.int64),
        np.where(np.isnan(end), OPEN_END, np.nan_to_num(end)).astype(np.int64), unit.astype(np.int8), extent, price,
        np.nan_to_num(ifo), np.nan_to_num(revenue))
    return Inputs(history=history, ledger=ledger_series(until), cutoff=cutoff_of)


def ledger_series(until: dt.date) -> LedgerSeries:
    """Ledger cost and revenue (positive) per month up to the month of `until`, summed in the database."""
    classify = AccountClassifier()
    cost: dict[int, float] = defaultdict(float)
    revenue: dict[int, float] = defaultdict(float)
    rows = (LedgerEntry.objects.filter(period__lte=until.replace(day=1)).values("period", "account")
            .annotate(total=Sum("amount")).values_list("period", "account", "total"))
    for period, account, total in rows:
        kind = classify.kind(account)
        if kind == AccountKind.IGNORE:
            continue
        month = month_index(period)
        cost[month] += float(total) if kind == AccountKind.COST else 0.0
        revenue[month] -= float(total) if kind == AccountKind.REVENUE else 0.0
    return LedgerSeries(dict(cost), dict(revenue))


def _complete_years(ledger: LedgerSeries, before: int, as_of: dt.date) -> list[int]:
    last_month = month_index(as_of)
    years = {m // 12 for m in ledger.cost}
    return sorted(y for y in years if y < before and y * 12 + 11 <= last_month
                  and all(ledger.has(y * 12 + i) for i in range(12)))


class Forecaster:
    """Forecasts and their evidence from one read of the inputs; projections are cached per (year, day)."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.cache: dict[tuple[int, dt.date], Projection] = {}
        self.recommendations: dict[tuple[int, dt.date], tuple[str, ev.Evidence | None]] = {}
        self.combinations: dict[tuple[int, dt.date], comb.Combination] = {}

    def project(self, year: int, day: dt.date) -> Projection:
        key = (year, day)
        if key not in self.cache:
            self.cache[key] = project(self.inputs, year, day)
        return self.cache[key]

    def actual_net(self, year: int) -> Decimal:
        ledger = self.inputs.ledger
        return Decimal(repr(round(sum(ledger.value("cost", year * 12 + i) - ledger.value("revenue", year * 12 + i)
                                      for i in range(12)), 2)))

    def evidence(self, current: Projection) -> ev.Evidence | None:
        names = list(current.methods)
        years = _complete_years(self.inputs.ledger, current.year, current.as_of)
        if years:
            return ev.from_years(self.project, years, current.as_of, {y: self.actual_net(y) for y in years}, names,
                                 forecast_year=current.year)
        ledger = self.inputs.ledger
        by_month = {m: Decimal(repr(round(ledger.value("cost", current.year * 12 + m - 1)
                                          - ledger.value("revenue", current.year * 12 + m - 1), 2)))
                    for m in range(1, 13)}
        return ev.from_hindcasts(self.project, current, by_month, names)

    def recommend(self, current: Projection) -> tuple[str, ev.Evidence | None]:
        """The recommended method (the combination when there are methods to combine) and its evidence."""
        key = (current.year, current.as_of)
        if key not in self.recommendations:
            evidence = self.evidence(current)
            members = self.members(current)
            self.combinations[key] = comb.combine(members, evidence, current.single_snapshot)
            weighted = list(self.combinations[key].weights) if members else ["run_rate"]
            self.recommendations[key] = (COMBINED if len(weighted) > 1 else weighted[0], evidence)
        return self.recommendations[key]

    @staticmethod
    def members(current: Projection) -> list[str]:
        """The methods that stand on something: the run rate only once a month of the year is actual."""
        return [m for m in current.methods if m != "run_rate" or current.ledger_months]

    def combination(self, current: Projection) -> comb.Combination:
        key = (current.year, current.as_of)
        self.recommend(current)
        return self.combinations[key]

    def methods(self, current: Projection) -> dict[str, YearFigures]:
        """Every method's figures, the combination's included (when there are methods to combine)."""
        result = dict(current.methods)
        if self.recommend(current)[0] == COMBINED:
            combination = self.combination(current)
            share = {m: Decimal(repr(w)) / (1 + Decimal(repr(combination.corrections.get(m, 0.0))) / 100)
                     for m, w in combination.weights.items()}  # weight × the bias correction
            result[COMBINED] = YearFigures(_ore(sum(share[m] * current.methods[m].cost for m in share)),
                                           _ore(sum(share[m] * current.methods[m].revenue for m in share)))
        return result


def _ore(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _interval(net: Decimal, current: Projection, combination: comb.Combination,
              methods: dict[str, YearFigures]) -> PredictionInterval | None:
    """The combination's 80 % interval (`combination.half_width_pct`)."""
    if not net:
        return None
    rest = (12 - current.ledger_months) / 12
    members = {m: comb.corrected(float(methods[m].net), combination.corrections.get(m, 0.0))
               for m in combination.weights}
    mean = sum(combination.weights[m] * v for m, v in members.items())
    spread = (sum(combination.weights[m] * (v - mean) ** 2 for m, v in members.items())) ** 0.5
    half_pct = comb.half_width_pct(combination.past_errors, rest, 100 * spread / abs(float(net)))
    if half_pct is None or rest == 0:
        return None if half_pct is None else PredictionInterval(comb.LEVEL, net, net, COMBINED)
    half = (abs(net) * Decimal(repr(round(half_pct, 4))) / 100).quantize(Decimal("0.01"))
    return PredictionInterval(comb.LEVEL, net - half, net + half, COMBINED)


def forecast(year: int, as_of: dt.date, *, forecaster: Forecaster | None = None) -> Forecast:
    """The year-end forecast as of a date: the ledger's months that had ended by `as_of`, the register as known then,
    the method recommended by the evidence of earlier years (or of this year's months), its 80 % interval."""
    forecaster = forecaster or Forecaster(load_inputs(max(as_of, dt.date(year, 1, 1) - dt.timedelta(days=1))))
    current = forecaster.project(year, as_of)
    recommended, evidence = forecaster.recommend(current)
    methods = forecaster.methods(current)
    chosen = methods[recommended]
    if recommended == COMBINED:
        combination = forecaster.combination(current)
        interval = _interval(chosen.net, current, combination, methods)
        weights, weights_basis, corrections = combination.weights, combination.basis, combination.corrections
        own = [Decimal(repr(round(e, 2))) for e in combination.past_errors]
    else:
        share = current.rest_net(recommended) / float(chosen.net) if chosen.net and recommended in current.rest else 0.0
        interval = ev.interval(chosen.net, recommended, evidence, abs(share))
        weights, weights_basis, own, corrections = {recommended: 1.0}, "", [], {}
    mape = evidence.mape() if evidence else {}
    if own:
        mape[COMBINED] = (sum((abs(e) for e in own), Decimal(0)) / len(own)).quantize(Decimal("0.01"))
    errors = {**(evidence.errors if evidence else {}), **({COMBINED: own} if own else {})}
    return Forecast(
        year=year, as_of=as_of, budget_net=budget_for_year(year, as_of=as_of), actual=current.actual,
        methods=methods, recommended=recommended, interval=interval,
        evidence={name: mape.get(name) for name in methods},
        evidence_basis=evidence.basis if evidence else NO_EVIDENCE[recommended != "run_rate"],
        components=current.components, weights=weights, weights_basis=weights_basis, corrections=corrections,
        single_snapshot=current.single_snapshot, shrinkage=current.shrinkage, evidence_errors=errors,
        ledger_months=current.ledger_months,
        # Only a month that has really ended can be missing (a forecast "as of" a later day is asked in advance).
        missing_months=[m for m in current.missing_months if dt.date(year, m, 1) < timezone.localdate().replace(day=1)],
    )


NO_EVIDENCE = ("Inget underlag för träffsäkerhet än: run rate används tills det finns utfall att pröva metoderna mot.",
               ("Inget underlag för träffsäkerhet än: åtagandeprognosen (registret) används tills det finns utfall "
                "att pröva metoderna mot."))


def forecast_bridge(date_from: dt.date, date_to: dt.date, *, method: str | None = None,
                    forecaster: Forecaster | None = None) -> Bridge:
    """Why the year-end net (of the year of `date_to`) moved between two forecast dates, driver by driver.

    The bridge explains `method` (default: the method recommended on `date_to`): the commitment's drivers, plus the
    change in what an expectation-based method adds to the commitment. Without a register it is the run rate's.
    The register's history is read once; both dates' states come from it. Pass the `forecaster` of a forecast made
    in the same request (loaded to `date_to` or later) to reuse its read and its evidence.
    """
    if date_from > date_to:
        raise ValueError("--from måste vara före --to")
    year = date_to.year
    forecaster = forecaster or Forecaster(load_inputs(max(date_to, dt.date(year, 1, 1) - dt.timedelta(days=1))))
    start, end = forecaster.project(year, date_from), forecaster.project(year, date_to)
    nets = {p.as_of: forecaster.methods(p) for p in (start, end)}
    ledger = ledger_figures(year, through=date_to) if end.ledger_months else {}
    actual_net = {int(label[-2:]): figures.net for label, figures in ledger.items()}
    method = method or forecaster.recommend(end)[0]
    no_register = "commitment" not in start.methods and "commitment" not in end.methods
    if method in LEDGER_METHODS or no_register:
        if not all(method in nets[p.as_of] for p in (start, end)):
            method = "run_rate"  # always given
        result = run_rate_bridge(date_from=date_from, date_to=date_to, net_from=nets[start.as_of][method].net,
                                 net_to=nets[end.as_of][method].net, method=method)
    else:
        history = forecaster.inputs.history
        cut_from, cut_to = cutoff_of(date_from), cutoff_of(date_to)
        result = bridge_states(year=year, date_from=date_from, date_to=date_to, months_from=start.ledger_months,
                               months_to=end.ledger_months, actual_net=actual_net, history=history,
                               cut_from=cut_from, cut_to=cut_to, labels_for=decision_case_labels,
                               corrected=_corrected(history, date_from, date_to),
                               **_commitment_nets(start, end))
        if method != "commitment" and all(m in nets[p.as_of] for p in (start, end) for m in (method, "commitment")):
            gap_from, gap_to = (nets[p.as_of][method].net - p.methods["commitment"].net for p in (start, end))
            parts = {COMPONENT_LABELS[name]: end.components.get(name, ZERO) - start.components.get(name, ZERO)
                     for name in end.components} if method == "expected_change" else {}
            result = with_expectations(result, method=method, gap_from=gap_from, gap_to=gap_to, parts=parts)
    result.budget_from, result.budget_to = budget_for_year(year, as_of=date_from), budget_for_year(year, as_of=date_to)
    return result


def _commitment_nets(start: Projection, end: Projection) -> dict[str, Decimal]:
    """The forecast's own commitment net on both dates, for the bridge to start and end on (when both have one)."""
    if "commitment" in start.methods and "commitment" in end.methods:
        return {"net_from": start.methods["commitment"].net, "net_to": end.methods["commitment"].net}
    return {}


def _corrected(history: VersionHistory, date_from: dt.date, date_to: dt.date) -> np.ndarray:
    """Per decision of the history: whether a retroactive correction became known after `date_from`, by `date_to`."""
    ids = (DecisionVersion.objects.filter(is_correction=True, known_at__gte=start_of_day(date_from + dt.timedelta(days=1)),
                                          known_at__lt=start_of_day(date_to + dt.timedelta(days=1)))
           .values_list("decision_id", flat=True).distinct())
    return np.isin(history.ids, np.fromiter(ids, dtype=np.int64))


def backtest(year: int) -> Backtest:
    """Every month end's forecast of `year` by every method (only what was known then) against the ledger's
    full-year net, and the method the evidence recommended at each month end."""
    forecaster = Forecaster(load_inputs(dt.date(year, 12, 31)))
    forecasts: dict[str, dict[int, Decimal]] = {name: {} for name in (*METHODS, COMBINED)}
    recommended: dict[int, str] = {}
    intervals: dict[int, tuple[Decimal, Decimal]] = {}
    for month in AS_OF_MONTHS:
        result = forecast(year, month_end(year, month), forecaster=forecaster)
        for name, figures in result.methods.items():
            forecasts[name][month] = figures.net
        recommended[month] = result.recommended
        if result.interval is not None:
            intervals[month] = (result.interval.low, result.interval.high)
    scored = score_backtest(year, forecaster.actual_net(year), forecasts, recommended)
    scored.intervals = intervals
    return scored
