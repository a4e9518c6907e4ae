"""The bridge on random registers whose terms change over time: it starts and ends on the forecast's own
commitment figures (to the öre when given them; within a rounding öre per decision on its own), its drivers add up
exactly, and each decision's amounts add up to its change in the rest of the year as the day-by-day reference
prices it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from insatskollen.forecasting.bridge import bridge_states
from insatskollen.forecasting.history import VersionHistory
from insatskollen.forecasting.projection import Inputs, project
from insatskollen.forecasting.series import LedgerSeries
from insatskollen.register import timeline as tl

from ..costing.reference import RefDecision, month_amounts, to_ore
from ..costing.strategies import day_between, decisions

YEAR = 2025
TERMS = {"contract_id": None, "provider_id": 1, "level": "", "revenue_source": "", "intervention_type_id": 1}


def month_end(month: int) -> dt.date:
    return dt.date(YEAR + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def timeline_of(decision: RefDecision) -> tl.Timeline:
    """Changes made on the open decision, then its end set: an end is its own date."""
    timeline = tl.timeline_create(decision.start, None, {**TERMS, **decision.terms})
    for valid_from, fields in decision.changes:
        timeline = tl.with_terms(timeline, valid_from, fields)
    return tl.with_bounds(timeline, decision.start, decision.end)


@st.composite
def two_dates(draw):
    """A register known at the end of month m_f and one at the end of month m_t > m_f: some decisions new, some
    changed (later changes of terms, a new end), the rest unchanged."""
    m_f = draw(st.integers(1, 10))
    m_t = draw(st.integers(m_f + 1, 11))
    pairs = []
    for _ in range(draw(st.integers(1, 5))):
        decision = draw(decisions())
        kind = draw(st.sampled_from(["same", "changed", "new"]))
        known = draw(st.integers(0, len(decision.changes)))
        before = None if kind == "new" else RefDecision(decision.start, decision.end, decision.terms,
                                                        decision.changes[:known] if kind == "changed"
                                                        else decision.changes)
        after = decision
        if kind == "changed" and draw(st.booleans()):
            after = RefDecision(decision.start, draw(day_between(decision.start, dt.date(2026, 2, 28))),
                                decision.terms, decision.changes)
        pairs.append((before, after))
    nets = {m: draw(st.decimals(min_value=0, max_value=500000, places=2)) for m in range(1, m_t + 1)}
    return m_f, m_t, pairs, nets


def history_of(pairs) -> VersionHistory:
    rows = []
    for position, (before, after) in enumerate(pairs):
        old = list(timeline_of(before)) if before else []
        new = list(timeline_of(after))
        rows += [(position, 0, None if s in new else 1, s) for s in old]
        rows += [(position, 1, None, s) for s in new if s not in old]
    return VersionHistory.from_rows([
        (position, known, known_to, 1, s.valid_from, s.valid_to, s.as_dict()["unit"], s.as_dict()["extent"],
         s.as_dict()["price"], s.as_dict()["ifo_share_pct"], s.as_dict()["revenue_per_unit"])
        for position, known, known_to, s in rows])


def rest_net(decision: RefDecision | None, after_month: int) -> Decimal:
    if decision is None:
        return Decimal(0)
    total = Decimal(0)
    for month in range(after_month + 1, 13):
        cost, revenue = month_amounts([decision], YEAR, month)
        total += to_ore(cost - revenue) if cost >= revenue else -to_ore(revenue - cost)
    return total


@settings(max_examples=60, deadline=None)
@given(two_dates())
def test_the_bridge_starts_and_ends_on_the_forecast_and_adds_up(case):
    m_f, m_t, pairs, nets = case
    date_from, date_to = month_end(m_f), month_end(m_t)
    history = history_of(pairs)
    ledger = LedgerSeries({YEAR * 12 + m - 1: float(v) for m, v in nets.items()},
                          {YEAR * 12 + m - 1: 0.0 for m in nets})
    inputs = Inputs(history, ledger, lambda day: 1 if day <= date_from else 2)
    start, end = project(inputs, YEAR, date_from), project(inputs, YEAR, date_to)
    bridge_args = dict(year=YEAR, date_from=date_from, date_to=date_to, months_from=start.ledger_months,
                       months_to=end.ledger_months, actual_net=nets, history=history, cut_from=1, cut_to=2,
                       labels_for=lambda ids: {i: (f"D{i}", "") for i in ids})
    own = bridge_states(**bridge_args)
    assert sum((d.amount for d in own.drivers), Decimal(0)) == own.net_to - own.net_from
    if "commitment" in start.methods and "commitment" in end.methods:
        forecast_from, forecast_to = start.methods["commitment"].net, end.methods["commitment"].net
        tolerance = Decimal("0.01") * (len(pairs) + 2)
        assert abs(own.net_from - forecast_from) <= tolerance and abs(own.net_to - forecast_to) <= tolerance
        given_nets = bridge_states(**bridge_args, net_from=forecast_from, net_to=forecast_to)
        assert (given_nets.net_from, given_nets.net_to) == (forecast_from, forecast_to)
        assert sum((d.amount for d in given_nets.drivers), Decimal(0)) == forecast_to - forecast_from
    by_decision: dict[str, Decimal] = {}
    for driver in own.drivers:
        for case_line in driver.cases:
            by_decision[case_line.decision] = by_decision.get(case_line.decision, Decimal(0)) + case_line.amount
    for position, (before, after) in enumerate(pairs):
        expected = rest_net(after, m_t) - rest_net(before, m_t)
        found = by_decision.get(f"D{position}", Decimal(0))
        assert abs(found - expected) <= Decimal("0.02") * (13 - m_t), (position, found, expected)
