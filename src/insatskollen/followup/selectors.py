"""Follow-up figures from the database."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from insatskollen.costing.selectors import decisions_overlapping
from insatskollen.followup.keyfigures import CodeFigures, compute_keyfigures
from insatskollen.register.models import Decision, InterventionType


def keyfigures_for_year(
    qs: QuerySet[Decision], year: int, *, compare: tuple[str, str] | None = None
) -> dict[str, CodeFigures]:
    rows = [
        {"code": r["intervention_type__code"], "client_id": r["client_id"], "start": r["start_date"],
         "end": r["end_date"], "unit": r["unit"], "extent": r["extent"], "price": r["price"],
         "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in decisions_overlapping(qs, dt.date(year, 1, 1), dt.date(year, 12, 31)).values(
            "intervention_type__code", "client_id", "start_date", "end_date", "unit", "extent", "price",
            "ifo_share_pct", "revenue_per_unit")
    ]
    names = dict(InterventionType.objects.values_list("code", "name"))
    return compute_keyfigures(rows, year=year, compare=compare, names=names)
