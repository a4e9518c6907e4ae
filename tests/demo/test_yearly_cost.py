"""The default demo unit costs what the 2007 report's unit cost: 180–230 MSEK net per full year."""

from __future__ import annotations

import datetime as dt

import pytest

from insatskollen.costing.engine import DecisionArrays, monthly_costs
from insatskollen.demo.generator import generate_demo


@pytest.mark.parametrize("today", [dt.date.today(), dt.date(2026, 3, 31)], ids=["today", "2026-03-31"])
def test_default_unit_costs_180_to_230_msek_net_in_every_full_year(today):
    data = generate_demo(seed=1, today=today)
    decisions = DecisionArrays.from_rows(data.engine_rows())

    assert len(data.full_years) == 3
    for year in data.full_years:
        costs = monthly_costs(decisions, dt.date(year, 1, 1), 12)
        net = costs.net.sum()
        assert 180e6 <= net <= 230e6, (year, net)
        assert costs.revenue.sum() > 50e6  # FK's share of LASS
