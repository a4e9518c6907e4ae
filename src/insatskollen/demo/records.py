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
    """A change of a decision, known from `known_on`: field → new value."""

    known_on: dt.date
    changes: dict[str, Any]


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

    def engine_rows(self, known_by: dt.date | None = None) -> list[dict[str, Any]]:
        """Rows for costing.engine.DecisionArrays.from_rows: every decision as known at `known_by`."""
        rows = []
        for decision in self.decisions:
            if known_by is not None and decision.known_on > known_by:
                continue
            s = decision.state(known_by)
            rows.append({"start": s["start_date"], "end": s["end_date"], "unit": s["unit"], "extent": s["extent"],
                         "price": s["price"], "ifo_share_pct": s["ifo_share_pct"],
                         "revenue_per_unit": s["revenue_per_unit"], "code": decision.code})
        return rows
