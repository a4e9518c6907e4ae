"""The causes of the change in net cost add up exactly, each computed as a person would by hand. No database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from insatskollen.actionplan.causes import NEW, OTHER, OUTSIDE, PRICE, REVENUE, VOLUME, Draft, compose


def state(code, unit, extent, price, start, end=None, revenue=None):
    return {"code": code, "unit": unit, "extent": Decimal(extent), "price": Decimal(price), "start_date": start,
            "end_date": end, "ifo_share_pct": Decimal(0),
            "revenue_per_unit": None if revenue is None else Decimal(revenue)}


def crafted() -> Draft:
    jan_2024 = dt.date(2024, 1, 1)
    running = state("6510", "dygn", 1, 1000, jan_2024)
    ended = state("6510", "dygn", 1, 500, jan_2024, dt.date(2024, 12, 31))
    lass = state("LASS", "tim/vecka", 10, 300, jan_2024, revenue=300)
    before = {1: running, 4: ended, 5: lass}
    after = {
        1: dict(running, price=Decimal(1100)),  # price raised 1 000 → 1 100 kr/dygn
        2: state("6510", "dygn", 1, 2000, dt.date(2025, 7, 1)),  # new: 184 days in 2025
        3: state("6510", "dygn", 1, 5000, dt.date(2025, 12, 1)),  # new: 31 days, but dearest per year
        4: ended,
        5: dict(lass, revenue_per_unit=None),  # FK stopped paying
    }
    labels = {k: (f"B-{k}", "19870312-****") for k in after}
    return compose(year=2025, states_before=before, states_after=after, labels=labels,
                   names={"6510": "Gruppbostad", "LASS": "Personlig assistans"},
                   forecast_net=Decimal("2000000.00"), last_year_net=Decimal("1500000.00"),
                   as_of=dt.date(2025, 10, 31), unit_name="Enheten", budget_net=Decimal("1900000.00"),
                   forecast_method="åtagandeprognos")


def test_each_cause_is_what_the_hand_computes():
    draft = crafted()
    amounts = {c.kind: c.amount for c in draft.causes}
    # New: 184 days × 2 000 + 31 days × 5 000.
    assert amounts[NEW] == Decimal(184 * 2000 + 31 * 5000)
    # Price: 365 days × (1 100 − 1 000).
    assert amounts[PRICE] == Decimal(365 * 100)
    # Revenue lost: 10 h/week × 300 kr × 365 / 7 days, to the öre.
    assert amounts[REVENUE] == (Decimal(10 * 300 * 365) / 7).quantize(Decimal("0.01"))
    # Volume of 6510: last year 2 active on average (running + ended), net 366 × 1 000 + 366 × 500; this year 1
    # (new decisions excluded): (1 − 2) × the net per active.
    assert amounts[VOLUME] == -Decimal(366 * 1000 + 366 * 500) / 2
    register_before = Decimal(366 * 1000 + 366 * 500)  # the LASS decision nets to zero in 2024
    lass_2025 = (Decimal(10 * 300 * 365) / 7).quantize(Decimal("0.01"))
    register_after = Decimal(365 * 1100 + 184 * 2000 + 31 * 5000) + lass_2025
    assert (draft.register_before, draft.register_after) == (register_before, register_after)
    register_change = register_after - register_before
    assert amounts[OTHER] == register_change - amounts[NEW] - amounts[PRICE] - amounts[REVENUE] - amounts[VOLUME]
    assert amounts[OUTSIDE] == Decimal("500000.00") - register_change


def test_causes_add_up_exactly_to_the_change_in_net_cost():
    draft = crafted()
    assert draft.change == Decimal("500000.00")
    assert sum((c.amount for c in draft.causes), Decimal(0)) == draft.change
    assert draft.deviation == Decimal("-100000.00")


def test_the_largest_new_decision_by_annual_cost_is_listed_first():
    new = crafted().cause(NEW)
    assert [c.decision for c in new.cases] == ["B-3", "B-2"]
    assert new.cases[0].before == Decimal(365 * 5000)  # annual cost
    assert new.cases[0].after == Decimal(31 * 5000)  # cost this year


def test_the_lost_revenue_names_its_decision_and_rates():
    revenue = crafted().cause(REVENUE)
    [case] = revenue.cases
    assert (case.decision, case.before, case.after) == ("B-5", Decimal(300), Decimal(0))


def test_the_draft_survives_json_unchanged():
    draft = crafted()
    assert Draft.from_json(draft.to_json()) == draft
