"""The committee report's allocation section (Table 5 of the 2007 review): the city's allocation for the year as
known at the end of the report's month (schablon per level at the measurement dates, granted särskild redovisning)
against the register's cost of the same codes, per group and per provider kind. Dates after the report's month
are projections from the register as known then. Figures in öre here; `shown` turns them into whole kronor that
add up to the totals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from insatskollen.allocation.computation import Line
from insatskollen.allocation.selectors import allocation_for, current_rates
from insatskollen.costing.money import allocate, round_to
from insatskollen.register.models import ProviderKind

KIND_LABELS = dict(ProviderKind.choices)


@dataclass(frozen=True)
class AllocationRow:
    name: str
    schablon: Decimal
    claims: Decimal
    cost: Decimal

    @property
    def allocation(self) -> Decimal:
        return self.schablon + self.claims

    @property
    def difference(self) -> Decimal:
        """Cost − allocation: positive, the city pays less than the unit spends."""
        return self.cost - self.allocation


@dataclass(frozen=True)
class ReportAllocation:
    year: int
    as_of: dt.date
    groups: list[AllocationRow]
    kinds: list[AllocationRow]
    total: AllocationRow
    counted: list[dt.date]  # measurement dates counted from the register
    projected: list[dt.date]  # dates after the report's month: projections
    derived: bool  # the schablon is derived, not the city's decided rates


def _row(name: str, line: Line) -> AllocationRow:
    return AllocationRow(name, line.schablon, line.claims, line.cost)


def report_allocation(year: int, as_of: dt.date) -> ReportAllocation | None:
    """None when no schablon is imported for the year."""
    rates = current_rates(year)
    if not rates.exists():
        return None
    result = allocation_for(year, as_of)
    return ReportAllocation(
        year=year, as_of=as_of, groups=[_row(name, line) for name, line in result.groups.items()],
        kinds=[_row(KIND_LABELS.get(kind, kind or "Okänd utförartyp"), line)
               for kind, line in result.provider_kinds.items()],
        total=_row("Totalt", result.total),
        counted=[d.date for d in result.dates if not d.projected],
        projected=[d.date for d in result.dates if d.projected],
        derived=rates.filter(derived=True).exists())


def _shown_rows(rows: list[AllocationRow], total: AllocationRow) -> list[AllocationRow]:
    columns = {name: allocate([getattr(r, name) for r in rows], getattr(total, name))
               for name in ("schablon", "claims", "cost")}
    return [replace(r, **{name: columns[name][i] for name in columns}) for i, r in enumerate(rows)]


def shown(section: ReportAllocation | None) -> ReportAllocation | None:
    """Whole kronor; each table's columns add up to the total, the difference is shown cost − shown allocation."""
    if section is None:
        return None
    total = replace(section.total, schablon=round_to(section.total.schablon), claims=round_to(section.total.claims),
                    cost=round_to(section.total.cost))
    return replace(section, groups=_shown_rows(section.groups, section.total),
                   kinds=_shown_rows(section.kinds, section.total), total=total)
