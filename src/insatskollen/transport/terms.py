"""A transport order's terms over time (carrier, contract, price per trip, trips per week, weekdays): periods of
valid time, changed from a date and "tills vidare", field by field, as a decision's terms are
(`register.timeline`). Pure.

A change from day D splits the period holding D, and sets the changed fields on every period from D on (so a later
change of the same field is replaced, a later change of another field stays). Neighbouring periods with the same
terms are merged. The order's own first and last day bound the periods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

TERM_FIELDS = ("carrier_id", "contract", "price", "trips_per_week", "weekdays")
ONE_DAY = dt.timedelta(days=1)


class TermsError(ValueError):
    """A change that does not fit the order (message in Swedish)."""


@dataclass(frozen=True)
class Period:
    valid_from: dt.date
    valid_to: dt.date | None
    values: tuple[tuple[str, Any], ...]  # (field, value) in TERM_FIELDS order

    @property
    def terms(self) -> dict[str, Any]:
        return dict(self.values)

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def values_of(terms: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple((f, terms[f]) for f in TERM_FIELDS)


def first_periods(start: dt.date, end: dt.date | None, terms: dict[str, Any]) -> list[Period]:
    if end is not None and end < start:
        raise TermsError("Beställningen kan inte sluta före sin första dag.")
    return [Period(start, end, values_of(terms))]


def _merged(periods: list[Period]) -> list[Period]:
    out: list[Period] = []
    for p in periods:
        if out and out[-1].values == p.values and out[-1].valid_to is not None \
                and out[-1].valid_to + ONE_DAY == p.valid_from:
            out[-1] = replace(out[-1], valid_to=p.valid_to)
        else:
            out.append(p)
    return out


def with_change(periods: list[Period], day: dt.date, changes: dict[str, Any]) -> list[Period]:
    """The periods after changing `changes` from `day` on."""
    if not periods:
        raise TermsError("Beställningen saknar villkor.")
    start, end = periods[0].valid_from, periods[-1].valid_to
    if day < start or (end is not None and day > end):
        raise TermsError(f"Ändringen måste gälla från en dag inom beställningen ({start.isoformat()} – "
                         f"{end.isoformat() if end else 'tills vidare'}).")
    unknown = set(changes) - set(TERM_FIELDS)
    if unknown:
        raise ValueError(f"not a term: {sorted(unknown)}")
    out: list[Period] = []
    for p in periods:
        if p.covers(day) and p.valid_from < day:
            out.append(replace(p, valid_to=day - ONE_DAY))
            p = replace(p, valid_from=day)
        if p.valid_from >= day:
            p = replace(p, values=values_of({**p.terms, **changes}))
        out.append(p)
    return _merged(out)


def with_end(periods: list[Period], end: dt.date | None) -> list[Period]:
    """The periods cut (or the last one extended) to end on `end` (None: open)."""
    start = periods[0].valid_from
    if end is not None and end < start:
        raise TermsError(f"Slutdatum kan inte ligga före beställningens första dag {start.isoformat()}.")
    kept = [p for p in periods if end is None or p.valid_from <= end]
    kept[-1] = replace(kept[-1], valid_to=end)
    return kept


def terms_on(periods: list[Period], day: dt.date) -> dict[str, Any] | None:
    for p in periods:
        if p.covers(day):
            return p.terms
    return None
