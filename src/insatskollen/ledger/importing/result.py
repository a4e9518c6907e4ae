"""The outcome of a ledger or budget import, with the same JSON keys as the register import's."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from insatskollen.core.importing import ImportSummary, Progress  # noqa: F401  (re-exported)


@dataclass
class FileImportResult(ImportSummary):
    """created / updated / unchanged count the file's rows in periods (years) the database did not hold, whose
    earlier rows the import replaces, and that it already holds exactly so; `changes` has one entry per replaced
    period (year) with before and after."""

    kind: str = ""  # ledger | budget
    periods: list[str] = field(default_factory=list)  # the file's periods "YYYY-MM" (ledger) or years (budget)
    replaced: list[str] = field(default_factory=list)  # those whose earlier rows the import replaces
    totals: dict[str, Decimal] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "kind": self.kind,
            "periods": self.periods,
            "replaced": self.replaced,
            "totals": {key: float(value) for key, value in self.totals.items()},
        }
