"""Retroactive corrections: changes recorded after a month closed that take effect in it (or any change of an ended
decision), with their reason and what they did to the closed months' cost.

A correction's effect is the decision's cost over the closed months it touches (from its first affected day to the
end of the last month closed when it was recorded), priced with the decision's terms as the register held them just
before and just after the correction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.core.identity import mask_personal_number
from insatskollen.costing.selectors import summarise
from insatskollen.register.models import DecisionTerm, DecisionVersion
from insatskollen.register.periods import Closings, is_correction

FIELDS = ("unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")


@dataclass(frozen=True)
class CorrectionItem:
    version: DecisionVersion
    decision: str
    client: str  # masked: the list leaves the client's own page
    client_id: int
    affects_from: dt.date | None
    closed_through: dt.date | None  # the last closed month when it was recorded
    effect: Decimal  # the change of the cost of the closed months it touched


def corrections(qs: QuerySet[DecisionVersion] | None = None) -> QuerySet[DecisionVersion]:
    qs = DecisionVersion.objects.all() if qs is None else qs
    return (qs.filter(is_correction=True).select_related("decision__client", "decision__intervention_type",
                                                         "changed_by").order_by("-known_at", "-id"))


def _cost(rows: list[dict], first: dt.date, last: dt.date) -> Decimal:
    if not rows or last < first:
        return Decimal(0)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return summarise(rows, first, count, None).total.cost


def describe(versions: list[DecisionVersion]) -> list[CorrectionItem]:
    """Each correction with its effect on the closed months: one query for the decisions' terms in time."""
    closings = Closings.load()
    periods: dict[int, list] = {}
    for row in (DecisionTerm.objects.filter(decision_id__in={v.decision_id for v in versions})
                .values("decision_id", "valid_from", "valid_to", "known_from", "known_to", *FIELDS)):
        periods.setdefault(row["decision_id"], []).append(row)
    items = []
    for version in versions:
        moment, through = version.known_at, closings.through_at(version.known_at)
        effect = Decimal(0)
        if is_correction(version.affects_from, through):
            rows = periods.get(version.decision_id, [])
            before = [dict(r, start_date=r["valid_from"], end_date=r["valid_to"]) for r in rows
                      if r["known_from"] < moment and (r["known_to"] is None or r["known_to"] >= moment)]
            after = [dict(r, start_date=r["valid_from"], end_date=r["valid_to"]) for r in rows
                     if r["known_from"] <= moment and (r["known_to"] is None or r["known_to"] > moment)]
            first = version.affects_from.replace(day=1)
            effect = _cost(after, first, through) - _cost(before, first, through)
        decision = version.decision
        items.append(CorrectionItem(version, decision.label, mask_personal_number(decision.client.personal_number),
                                    decision.client_id, version.affects_from, through, effect))
    return items

