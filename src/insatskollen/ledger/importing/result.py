"""The outcome of a ledger or budget import, with the same JSON keys as the register import's."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from insatskollen.core.importing import RowError

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class FileImportResult:
    status: str  # imported | refused | dry-run
    kind: str  # ledger | budget
    created: int = 0  # rows of the file in periods (years) the database did not hold
    updated: int = 0  # rows of the file in periods (years) whose earlier rows it replaces
    unchanged: int = 0  # rows of the file in periods (years) the database already holds exactly so
    errors: list[RowError] = field(default_factory=list)
    file_name: str = ""
    rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    new: dict[str, list[str]] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)  # per replaced period (year): before and after
    periods: list[str] = field(default_factory=list)  # the file's periods "YYYY-MM" (ledger) or years (budget)
    replaced: list[str] = field(default_factory=list)  # those whose earlier rows the import replaces
    totals: dict[str, Decimal] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "file": self.file_name,
            "rows": self.rows,
            "ignored_columns": self.ignored_columns,
            "new": self.new,
            "changes": self.changes,
            "kind": self.kind,
            "periods": self.periods,
            "replaced": self.replaced,
            "totals": {key: float(value) for key, value in self.totals.items()},
        }
