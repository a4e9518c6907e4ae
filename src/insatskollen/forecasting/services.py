"""Writes of the forecasting app: taking a month end's forecast snapshot (history for Tables 1–2)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.numbers import format_sek
from insatskollen.forecasting.backtest import month_end
from insatskollen.forecasting.models import ForecastSnapshot
from insatskollen.forecasting.selectors import Forecast, Forecaster, forecast
from insatskollen.ledger.models import BudgetLine
from insatskollen.ledger.selectors import ledger_figures
from insatskollen.register.models import DecisionVersion
from insatskollen.register.services import start_of_day

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
FIGURE_FIELDS = ("method", "budget_net", "cost", "revenue", "net", "deviation", "methods", "interval")
INPUT_NAMES = {"ledger": "huvudboken", "register": "registret", "budget": "budgeten"}


class SnapshotError(ValueError):
    """A snapshot that cannot be taken; the message is Swedish and meant for the user."""


def _text(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def snapshot_inputs(year: int, as_of: dt.date) -> dict:
    """What a forecast as of `as_of` was made from: ledger months and their net, register versions known by the
    end of that day (count, latest known_at) and the budget lines decided by then (count, total)."""
    ledger = ledger_figures(year, through=as_of) if as_of.year == year else {}
    versions = DecisionVersion.objects.filter(known_at__lt=start_of_day(as_of + dt.timedelta(days=1))).aggregate(
        count=Count("id"), latest=Max("known_at"))
    lines = BudgetLine.objects.filter(year=year).exclude(kind="supplementary", decided_on__gt=as_of)
    budget = lines.aggregate(count=Count("id"), total=Sum("amount"))
    latest = versions["latest"]
    return {
        "ledger": {"months": [{"month": label, "net": _text(ledger[label].net)} for label in sorted(ledger)]},
        "register": {"versions": versions["count"],
                     "latest_known_at": timezone.localtime(latest).isoformat() if latest else None},
        "budget": {"lines": budget["count"], "total": _text(budget["total"] or 0)},
    }


def _figures(result: Forecast) -> dict:
    """The snapshot's figure fields from a forecast: the recommended method's, every method's, the interval."""
    chosen = result.methods[result.recommended]
    interval = getattr(result, "interval", None)
    return {
        "method": result.recommended,
        "budget_net": _money(result.budget_net),
        "cost": _money(chosen.cost), "revenue": _money(chosen.revenue), "net": _money(chosen.net),
        "deviation": _money(result.budget_net - chosen.net),
        "methods": {name: {"cost": _text(f.cost), "revenue": _text(f.revenue), "net": _text(f.net),
                           "deviation": _text(result.budget_net - f.net),
                           # the evidence behind the recommendation: each method's weight and past MAPE
                           "weight": round(result.weights.get(name, 0.0), 4),
                           "mape": None if result.evidence.get(name) is None else str(result.evidence[name])}
                    for name, f in result.methods.items()},
        "interval": None if interval is None else {
            "level": str(interval.level), "low": _text(interval.low), "high": _text(interval.high),
            "method": interval.method},
    }


@transaction.atomic
def forecast_snapshot_take(*, year: int, as_of: dt.date, actor, forecaster: Forecaster | None = None
                           ) -> ForecastSnapshot:
    """Keep the forecast of `year` as of the end of `as_of`'s month with its inputs.

    One snapshot per (year, month end): retaking it changes it only when its inputs or figures changed. The
    returned snapshot carries `outcome` (CREATED, UPDATED or UNCHANGED) and `changed_inputs` (Swedish names of the
    inputs that changed since it was last taken) so the caller can say what happened. A `forecaster` loaded to a
    later date may be shared across snapshots (each projection still cuts the inputs at its own date).
    """
    if as_of.year != year:
        raise SnapshotError(f"Datumet måste ligga i prognosåret {year}.")
    day = month_end(as_of.year, as_of.month)
    if day > timezone.localdate():
        raise SnapshotError(f"{day.isoformat()} har inte varit än: bara avslutade månader kan sparas.")
    result = forecast(year, day, forecaster=forecaster)
    inputs = {**snapshot_inputs(year, day), "evidence": {
        "basis": result.evidence_basis, "weights": result.weights_basis, "single_snapshot": result.single_snapshot,
        "shrinkage": {name: round(v, 4) for name, v in result.shrinkage.items()}}}
    values = {**_figures(result), "inputs": inputs}
    snapshot = ForecastSnapshot.objects.select_for_update().filter(year=year, as_of=day).first()
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    if snapshot is None:
        snapshot = ForecastSnapshot.objects.create(year=year, as_of=day, created_by=real_actor, **values)
        snapshot.outcome, snapshot.changed_inputs, before = CREATED, [], None
    else:
        changed = [INPUT_NAMES[k] for k in INPUT_NAMES if snapshot.inputs.get(k) != values["inputs"][k]]
        same_figures = all(getattr(snapshot, f) == values[f] for f in FIGURE_FIELDS)
        if not changed and same_figures:
            snapshot.outcome, snapshot.changed_inputs = UNCHANGED, []
            return snapshot
        before = _text(snapshot.net)
        for name, value in values.items():
            setattr(snapshot, name, value)
        snapshot.created_by = real_actor or snapshot.created_by
        snapshot.save()
        snapshot.outcome, snapshot.changed_inputs = UPDATED, changed
    audit_record(actor=actor, action=AuditAction.FORECAST_SNAPSHOT_TAKEN, object_type="forecast_snapshot",
                 object_id=snapshot.pk,
                 summary=f"Prognos {year} per {day.isoformat()}: netto {format_sek(snapshot.net)}"
                         + (" (uppdaterad)" if before is not None else ""),
                 detail={"year": year, "as_of": day.isoformat(), "method": snapshot.method,
                         "net": _text(snapshot.net), "deviation": _text(snapshot.deviation),
                         "net_before": before, "changed_inputs": snapshot.changed_inputs})
    return snapshot
