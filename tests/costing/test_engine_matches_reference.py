"""The cost engine, pricing term periods, agrees to the öre with the day-by-day reference on random registers whose
terms change over time: month ends, leap days, open ends, IFO shares, every unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings

from insatskollen.costing.selectors import summarise, timeline_rows
from insatskollen.register import timeline as tl

from .reference import RefDecision, near_half_ore, to_ore, year_months
from .strategies import registers

YEARS = (2024, 2025)
TERM_DEFAULTS = {"contract_id": None, "provider_id": 1, "level": "", "revenue_source": "", "intervention_type_id": 1}


def timeline_of(decision: RefDecision) -> tl.Timeline:
    """The decision's terms in time built by the register's own functions, change by change."""
    timeline = tl.timeline_create(decision.start, decision.end, {**TERM_DEFAULTS, **decision.terms})
    for valid_from, fields in decision.changes:
        timeline = tl.with_terms(timeline, valid_from, fields)
    return timeline


def assert_agrees(engine: Decimal, exact) -> None:
    expected = to_ore(exact)
    if engine != expected:
        assert near_half_ore(exact) and abs(engine - expected) == Decimal("0.01"), (engine, expected, float(exact))


@settings(max_examples=150, deadline=None)
@given(registers)
def test_every_month_equals_the_day_by_day_reference(register):
    rows = [row for decision in register for row in timeline_rows(timeline_of(decision))]
    for year in YEARS:
        summary = summarise(rows, dt.date(year, 1, 1), 12, None)
        for label, (cost, revenue) in year_months(register, year).items():
            assert_agrees(summary.months[label].cost, cost)
            assert_agrees(summary.months[label].revenue, revenue)


@settings(max_examples=100, deadline=None)
@given(registers)
def test_a_change_never_alters_a_day_before_its_date(register):
    for decision in register:
        timeline = tl.timeline_create(decision.start, decision.end, {**TERM_DEFAULTS, **decision.terms})
        for valid_from, fields in decision.changes:
            changed = tl.with_terms(timeline, valid_from, fields)
            first = tl.first_difference(timeline, changed)
            assert first is None or first >= valid_from
            day = decision.start
            while day < valid_from:
                assert tl.terms_on(changed, day) == tl.terms_on(timeline, day)
                day += dt.timedelta(days=31)
            timeline = changed


def test_a_price_rise_in_january_leaves_december_at_the_old_price():
    decision = RefDecision(dt.date(2025, 1, 1), None, {"unit": "dygn", "extent": Decimal(1), "price": Decimal(3250),
                                                        "ifo_share_pct": Decimal(0), "revenue_per_unit": None},
                           [(dt.date(2026, 1, 1), {"price": Decimal(3400)})])
    rows = timeline_rows(timeline_of(decision))
    december = summarise(rows, dt.date(2025, 12, 1), 2, None).months
    assert december["2025-12"].cost == Decimal(31 * 3250)
    assert december["2026-01"].cost == Decimal(31 * 3400)
