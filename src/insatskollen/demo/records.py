"""The demo data as plain records, before anything touches the database. Pure.

A DemoDecision is its state when first known plus the events that changed it, each with the day it became
known, so the loader can write the register's real history (one version per event).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# The decision fields a demo record carries (FKs by natural key: client_key, code, provider, contract,
# caseworker username). Events change these names; "caseworker" is a username.
DECISION_FIELDS = (
    "extent", "unit", "price", "decision_date", "start_date", "end_date", "last_review_date", "level",
    "ifo_share_pct", "revenue_per_unit", "revenue_source", "comment", "caseworker",
)
TERMS = ("extent", "unit", "price", "level", "ifo_share_pct", "revenue_per_unit", "revenue_source")


@dataclass(frozen=True)
class DemoClient:
    key: int
    personal_number: str  # 12 digits
    team_code: str


@dataclass(frozen=True)
class DemoContract:
    reference: str
    provider: str
    code: str
    price: Decimal | None
    unit: str
    valid_from: dt.date
    valid_to: dt.date | None
    is_individual: bool
    client_key: int | None = None


@dataclass(frozen=True)
class DemoEvent:
    """A change of a decision, known from `known_on`: field → new value. Changed terms take effect from the same
    day; `event` words the history (an indexation, a review), `note` is its note."""

    known_on: dt.date
    changes: dict[str, Any]
    event: str = "change"
    note: str = ""


@dataclass
class DemoDecision:
    external_id: str
    client_key: int
    code: str
    provider: str
    contract: str | None
    known_on: dt.date  # the day the decision became known (its decision date)
    initial: dict[str, Any]  # DECISION_FIELDS when first known
    events: list[DemoEvent] = field(default_factory=list)

    def periods(self) -> list[dict[str, Any]]:
        """The decision's term periods after every event: engine rows (start, end, unit, extent, price,
        ifo_share_pct, revenue_per_unit), each event's terms from its day on, cut at the final end date."""
        final = self.state()
        cuts = [(self.initial["start_date"], dict(self.initial))]
        values = dict(self.initial)
        for event in self.events:
            values = {**values, **event.changes}
            day = max(event.known_on, self.initial["start_date"])
            if any(k in TERMS for k in event.changes):
                cuts = [c for c in cuts if c[0] < day] + [(day, dict(values))]
        rows = []
        for index, (day, terms) in enumerate(cuts):
            end = cuts[index + 1][0] - dt.timedelta(days=1) if index + 1 < len(cuts) else None
            last = final["end_date"] if end is None else (min(end, final["end_date"]) if final["end_date"] else end)
            if last is not None and last < day:
                continue
            rows.append({"start": day, "end": last, "unit": terms["unit"], "extent": terms["extent"],
                         "price": terms["price"], "ifo_share_pct": terms["ifo_share_pct"],
                         "revenue_per_unit": terms["revenue_per_unit"]})
        return rows

    def state(self, known_by: dt.date | None = None) -> dict[str, Any]:
        """The decision's fields as known at the end of `known_by` (default: after every event)."""
        values = dict(self.initial)
        for event in self.events:
            if known_by is not None and event.known_on > known_by:
                break
            values.update(event.changes)
        return values


@dataclass
class DemoData:
    seed: int
    today: dt.date
    history_start: dt.date
    clients: list[DemoClient]
    contracts: list[DemoContract]
    decisions: list[DemoDecision]

    @property
    def full_years(self) -> list[int]:
        """The calendar years wholly inside the history."""
        first = self.history_start.year + (0 if self.history_start == dt.date(self.history_start.year, 1, 1) else 1)
        return [year for year in range(first, self.today.year) if dt.date(year, 12, 31) < self.today]

    @property
    def closings(self) -> list[tuple[dt.date, dt.datetime]]:
        """The months the controller closed: each on the 6th of the next month at 09:00 (once its ledger was in),
        from the history's first month; only closings that have happened by today."""
        result = []
        month = self.history_start.replace(day=1)
        while True:
            following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
            closed_on = following.replace(day=6)
            if closed_on >= self.today:
                return result
            result.append((month, dt.datetime.combine(closed_on, dt.time(9, 0))))
            month = following

    def engine_rows(self) -> list[dict[str, Any]]:
        """Rows for costing.engine.DecisionArrays.from_rows: every decision's term periods as finally known (each
        event's new terms from its day on)."""
        rows = []
        for decision in self.decisions:
            rows += [dict(row, code=decision.code) for row in decision.periods()]
        return rows
