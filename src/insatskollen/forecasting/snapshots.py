"""Reading forecast snapshots: the year's month-by-month table (the 2007 report's Tables 1–2) and bridge pairs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.forecasting.backtest import month_end
from insatskollen.forecasting.models import ForecastSnapshot
from insatskollen.forecasting.registry import REGISTRY, method_label  # noqa: F401  (re-exported for the pages)

# The labels and descriptions live in the one registry of methods (`registry.py`); re-exported for the pages.
METHOD_LABELS = {m.key: m.label for m in REGISTRY}
METHOD_DESCRIPTIONS = {m.key: m.description for m in REGISTRY}


@dataclass(frozen=True)
class SnapshotRow:
    """One month of the year: its month end and the snapshot taken then (None when none was)."""

    month: int
    as_of: dt.date
    snapshot: ForecastSnapshot | None

    @property
    def label(self) -> str:
        return SWEDISH_MONTHS[self.month - 1].capitalize()


@dataclass(frozen=True)
class BridgeLink:
    """Two consecutive snapshots: the bridge between them explains why the forecast moved."""

    date_from: dt.date
    date_to: dt.date
    change: object  # Decimal: net_to − net_from of the recommended methods


def snapshots_of_year(year: int) -> list[ForecastSnapshot]:
    return list(ForecastSnapshot.objects.filter(year=year).select_related("created_by").order_by("as_of"))


def snapshot_table(year: int, snapshots: list[ForecastSnapshot] | None = None) -> list[SnapshotRow]:
    """Twelve rows, January to December; a month's row holds the snapshot taken at its month end."""
    snapshots = snapshots_of_year(year) if snapshots is None else snapshots
    by_month = {s.as_of.month: s for s in snapshots}
    return [SnapshotRow(m, month_end(year, m), by_month.get(m)) for m in range(1, 13)]


def bridge_links(snapshots: list[ForecastSnapshot]) -> list[BridgeLink]:
    """Each snapshot with the one before it, in date order."""
    ordered = sorted(snapshots, key=lambda s: s.as_of)
    return [BridgeLink(a.as_of, b.as_of, b.net - a.net) for a, b in pairwise(ordered)]
