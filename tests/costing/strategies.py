"""Hypothesis strategies for random registers with terms that change over time.

Dates lean on the edges where day counting goes wrong: month ends, 29 February, New Year. Amounts have the
register's precision (extent 4 decimals, money and IFO share 2).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from .reference import RefDecision

UNITS = ("dygn", "tim/vecka", "tim/månad", "dygn/månad", "resor/månad", "månad")
FIRST, LAST = dt.date(2023, 11, 1), dt.date(2026, 2, 28)
EDGES = [dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2024, 12, 31), dt.date(2025, 1, 1),
         dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2025, 4, 30), dt.date(2025, 5, 31), dt.date(2025, 6, 1),
         dt.date(2025, 12, 31), dt.date(2026, 1, 1)]

dates = st.one_of(st.dates(FIRST, LAST), st.sampled_from(EDGES))
extents = st.decimals(min_value=0, max_value=200, places=4).map(lambda d: d.quantize(Decimal("0.0001")))
prices = st.decimals(min_value=0, max_value=9000, places=2)
shares = st.one_of(st.just(Decimal(0)), st.decimals(min_value=0, max_value=100, places=2))
revenues = st.one_of(st.none(), st.decimals(min_value=0, max_value=400, places=2))
TERM_STRATEGIES = {"unit": st.sampled_from(UNITS), "extent": extents, "price": prices, "ifo_share_pct": shares,
                   "revenue_per_unit": revenues}


def day_between(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    """A day in [first, last], often an edge (its ends, a month end, 29 February)."""
    edges = [first, last, *(e for e in EDGES if first <= e <= last)]
    return st.one_of(st.sampled_from(edges),
                     st.integers(0, (last - first).days).map(lambda n: first + dt.timedelta(days=n)))


@st.composite
def decisions(draw) -> RefDecision:
    """A decision with 0–4 changes of terms, each dated inside its period, in the order they were made."""
    start = draw(dates)
    end = draw(st.one_of(st.none(), day_between(start, LAST)))
    terms = {name: draw(strategy) for name, strategy in TERM_STRATEGIES.items()}
    changes = []
    last_day = end or LAST
    for _ in range(draw(st.integers(0, 4))):
        valid_from = draw(day_between(start, last_day))
        names = draw(st.lists(st.sampled_from(sorted(TERM_STRATEGIES)), min_size=1, max_size=3, unique=True))
        changes.append((valid_from, {name: draw(TERM_STRATEGIES[name]) for name in names}))
    return RefDecision(start=start, end=end, terms=terms, changes=changes)


registers = st.lists(decisions(), min_size=1, max_size=4)
