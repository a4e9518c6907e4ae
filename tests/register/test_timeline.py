"""A decision's terms over time (register.timeline), against a plain day-by-day model: changes hold "tills
vidare" field by field, bounds cut and extend, the timeline is always normalised and `first_difference` finds the
first day that prices differently."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insatskollen.register import timeline as tl

BASE = {"extent": 1, "unit": "dygn", "price": 100, "contract_id": None, "provider_id": 1, "level": "",
        "ifo_share_pct": 0, "revenue_per_unit": None, "revenue_source": "", "intervention_type_id": 1}
START = dt.date(2025, 1, 1)
DAYS = 120


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


changes = st.lists(st.tuples(st.integers(0, DAYS - 1),
                             st.dictionaries(st.sampled_from(["extent", "price", "level"]), st.integers(0, 5),
                                             min_size=1)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(changes, st.one_of(st.none(), st.integers(0, DAYS - 1)))
def test_terms_on_each_day_are_the_changes_made_so_far_that_started_by_then(made, end):
    timeline = tl.timeline_create(START, None, BASE)
    for offset, fields in made:
        timeline = tl.with_terms(timeline, day(offset), fields)
    if end is not None:
        timeline = tl.with_bounds(timeline, START, day(end))
    for n in range(DAYS):
        expected = None if end is not None and n > end else dict(BASE)
        if expected is not None:
            for offset, fields in made:
                if offset <= n:
                    expected.update(fields)
        assert tl.terms_on(timeline, day(n)) == expected
    assert all(a.terms != b.terms for a, b in zip(timeline, timeline[1:]))  # normalised
    assert all(a.valid_to + dt.timedelta(days=1) == b.valid_from for a, b in zip(timeline, timeline[1:]))


@settings(max_examples=200, deadline=None)
@given(changes, st.integers(0, DAYS - 1), st.dictionaries(st.sampled_from(["extent", "price"]), st.integers(0, 5),
                                                          min_size=1))
def test_first_difference_is_the_first_day_that_prices_differently(made, offset, fields):
    before = tl.timeline_create(START, None, BASE)
    for at, change in made:
        before = tl.with_terms(before, day(at), change)
    after = tl.with_terms(before, day(offset), fields)
    first = tl.first_difference(before, after)
    differing = [n for n in range(DAYS) if tl.terms_on(before, day(n)) != tl.terms_on(after, day(n))]
    assert first == (day(differing[0]) if differing else None)


def test_an_end_moved_earlier_cuts_and_removing_it_extends_the_last_terms():
    timeline = tl.with_terms(tl.timeline_create(START, None, BASE), day(31), {"price": 120})
    ended = tl.with_bounds(timeline, START, day(40))
    assert [(s.valid_from, s.valid_to) for s in ended] == [(day(0), day(30)), (day(31), day(40))]
    reopened = tl.with_bounds(ended, START, None)
    assert reopened == timeline
    assert tl.with_bounds(ended, START, day(20)) == (tl.Segment(day(0), day(20), ended[0].terms),)


def test_a_date_outside_the_period_is_refused_in_swedish():
    timeline = tl.timeline_create(START, day(30), BASE)
    with pytest.raises(tl.TimelineError, match="efter slutdatum"):
        tl.with_terms(timeline, day(31), {"price": 1})
    assert tl.check_valid_from(day(-1), START, None).startswith("Gäller från (2024-12-31) kan inte vara före")


def test_the_intervention_type_is_not_dated_it_applies_to_the_whole_life():
    timeline = tl.with_terms(tl.timeline_create(START, None, BASE), day(31), {"price": 120})
    retyped = tl.with_terms(timeline, day(60), {"intervention_type_id": 2})
    assert [s.as_dict()["intervention_type_id"] for s in retyped] == [2, 2]
