"""A decision's terms over time (valid time). Pure: no Django.

A decision's **terms** (extent, unit, price, contract, provider, level, IFO share, revenue per unit and its source)
are a series of periods. A `Timeline` is that series as known at one moment: consecutive, non-overlapping
`Segment`s from the decision's first day to its last (inclusive; `None` is an open end), each with constant terms.
Adjacent segments always differ (a timeline is kept normalised), so two timelines that price every day alike are
equal.

A change of terms takes effect from its own date and holds "tills vidare": every later day gets the changed terms,
field by field (a change of the extent from 1 May leaves a price change from 1 July in place; a later change of the
price from 1 March replaces it). A change never alters a day before the day it takes effect. A start or end date is
its own date: moving it cuts the series or extends its first or last terms.

The intervention type is carried on every segment too, but it is not dated: a new type applies to the whole life.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

# The dated terms, in the order a segment keeps them.
DATED_TERMS = ("extent", "unit", "price", "contract_id", "provider_id", "level", "ifo_share_pct",
               "revenue_per_unit", "revenue_source")
UNDATED_TERMS = ("intervention_type_id",)
TERM_FIELDS = DATED_TERMS + UNDATED_TERMS
ONE_DAY = dt.timedelta(days=1)


class TimelineError(ValueError):
    """A change that cannot apply to the timeline (its date lies outside the decision's period)."""


@dataclass(frozen=True, slots=True)
class Segment:
    valid_from: dt.date
    valid_to: dt.date | None  # the last day, inclusive; None: open
    terms: tuple  # values in TERM_FIELDS order

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(TERM_FIELDS, self.terms))


Timeline = tuple[Segment, ...]


def terms_tuple(values: Mapping[str, Any]) -> tuple:
    """A segment's terms from a mapping holding every TERM_FIELDS name."""
    return tuple(values[name] for name in TERM_FIELDS)


def normalised(segments: Iterable[Segment]) -> Timeline:
    """Adjacent segments with equal terms merged into one."""
    result: list[Segment] = []
    for segment in segments:
        if result and result[-1].terms == segment.terms and result[-1].valid_to is not None \
                and result[-1].valid_to + ONE_DAY == segment.valid_from:
            result[-1] = replace(result[-1], valid_to=segment.valid_to)
        else:
            result.append(segment)
    return tuple(result)


def timeline_create(start: dt.date, end: dt.date | None, terms: Mapping[str, Any]) -> Timeline:
    if end is not None and end < start:
        raise TimelineError("Slutdatum kan inte vara före startdatum.")
    return (Segment(start, end, terms_tuple(terms)),)


def start_of(timeline: Timeline) -> dt.date:
    return timeline[0].valid_from


def end_of(timeline: Timeline) -> dt.date | None:
    return timeline[-1].valid_to


def terms_on(timeline: Timeline, day: dt.date) -> dict[str, Any] | None:
    """The terms in effect on `day`, or None outside the decision's period."""
    for segment in timeline:
        if segment.covers(day):
            return segment.as_dict()
    return None


def latest_terms(timeline: Timeline) -> dict[str, Any]:
    """The terms that hold from the last change on ("tills vidare")."""
    return timeline[-1].as_dict()


def with_bounds(timeline: Timeline, start: dt.date, end: dt.date | None) -> Timeline:
    """The timeline cut to, or extended to, [start, end]. Extending repeats the first or last terms."""
    if end is not None and end < start:
        raise TimelineError("Slutdatum kan inte vara före startdatum.")
    segments = list(timeline)
    if start < segments[0].valid_from:
        segments[0] = replace(segments[0], valid_from=start)
    old_end = segments[-1].valid_to
    if end is None or (old_end is not None and end > old_end):
        segments[-1] = replace(segments[-1], valid_to=end)
    result = []
    for segment in segments:
        first = max(segment.valid_from, start)
        last = segment.valid_to if end is None else (end if segment.valid_to is None else min(segment.valid_to, end))
        if last is not None and last < first:
            continue
        result.append(Segment(first, last, segment.terms))
    return normalised(result)


def with_terms(timeline: Timeline, valid_from: dt.date, changes: Mapping[str, Any], *,
               until_next_change: bool = False) -> Timeline:
    """The timeline with `changes` (dated terms) in effect from `valid_from` on; undated terms in `changes` apply
    to every segment. `valid_from` must lie inside the decision's period.

    `until_next_change`: each changed term holds only until the next change of that term already registered (an
    indexation or a renegotiation leaves a later registered price in place), instead of "tills vidare"."""
    if until_next_change:
        return _until_next_change(timeline, valid_from, changes)
    unknown = set(changes) - set(TERM_FIELDS)
    if unknown:
        raise ValueError(f"not terms: {sorted(unknown)}")
    start, end = start_of(timeline), end_of(timeline)
    dated = {name: value for name, value in changes.items() if name in DATED_TERMS}
    if dated and (valid_from < start or (end is not None and valid_from > end)):
        raise TimelineError(_outside_message(valid_from, start, end))
    positions = {name: TERM_FIELDS.index(name) for name in changes}

    def changed(terms: tuple, names: Iterable[str]) -> tuple:
        values = list(terms)
        for name in names:
            values[positions[name]] = changes[name]
        return tuple(values)

    undated = [name for name in changes if name in UNDATED_TERMS]
    result: list[Segment] = []
    for segment in timeline:
        terms = changed(segment.terms, undated) if undated else segment.terms
        if not dated or (segment.valid_to is not None and segment.valid_to < valid_from):
            result.append(Segment(segment.valid_from, segment.valid_to, terms))
        elif segment.valid_from >= valid_from:
            result.append(Segment(segment.valid_from, segment.valid_to, changed(terms, dated)))
        else:  # the change takes effect inside this segment: split it
            result.append(Segment(segment.valid_from, valid_from - ONE_DAY, terms))
            result.append(Segment(valid_from, segment.valid_to, changed(terms, dated)))
    return normalised(result)


def _until_next_change(timeline: Timeline, valid_from: dt.date, changes: Mapping[str, Any]) -> Timeline:
    """`with_terms` for each term separately, holding from `valid_from` until the term's next registered change."""
    result = timeline
    for name, value in changes.items():
        in_effect = terms_on(result, valid_from)
        if in_effect is None or name in UNDATED_TERMS:
            result = with_terms(result, valid_from, {name: value})
            continue
        stop = next((seg.valid_from for seg in result
                     if seg.valid_from > valid_from and seg.as_dict()[name] != in_effect[name]), None)
        position = TERM_FIELDS.index(name)
        cut: list[Segment] = []
        for segment in result:  # split at valid_from (stop is already a boundary)
            if segment.valid_from < valid_from and (segment.valid_to is None or segment.valid_to >= valid_from):
                cut += [Segment(segment.valid_from, valid_from - ONE_DAY, segment.terms),
                        Segment(valid_from, segment.valid_to, segment.terms)]
            else:
                cut.append(segment)
        changed = []
        for segment in cut:
            if segment.valid_from >= valid_from and (stop is None or segment.valid_from < stop):
                values = list(segment.terms)
                values[position] = value
                segment = Segment(segment.valid_from, segment.valid_to, tuple(values))
            changed.append(segment)
        result = normalised(changed)
    return result


def _outside_message(day: dt.date, start: dt.date, end: dt.date | None) -> str:
    if day < start:
        return f"Gäller från ({day:%Y-%m-%d}) kan inte vara före startdatum ({start:%Y-%m-%d})."
    return f"Gäller från ({day:%Y-%m-%d}) kan inte vara efter slutdatum ({end:%Y-%m-%d})."


def check_valid_from(day: dt.date, start: dt.date, end: dt.date | None) -> str | None:
    """A plain Swedish message when a change dated `day` cannot apply to a decision running [start, end]."""
    if day < start or (end is not None and day > end):
        return _outside_message(day, start, end)
    return None


def first_difference(old: Timeline | None, new: Timeline | None) -> dt.date | None:
    """The first day the two timelines price differently (terms or presence), or None when they never do.
    An absent timeline (a decision not registered) has no days."""
    if old == new:
        return None
    if not old or not new:
        return start_of(old or new)
    points = sorted({s.valid_from for s in (*old, *new)}
                    | {s.valid_to + ONE_DAY for s in (*old, *new) if s.valid_to is not None})
    for day in points:
        if terms_on(old, day) != terms_on(new, day):
            return day
    return None  # pragma: no cover - equal on every breakpoint means equal timelines


def diff(old: Sequence[Segment], new: Sequence[Segment]) -> tuple[list[Segment], list[Segment]]:
    """(segments of `old` no longer true, segments of `new` not in `old`): what a write closes and opens."""
    kept = set(old) & set(new)
    return [s for s in old if s not in kept], [s for s in new if s not in kept]
