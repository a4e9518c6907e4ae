"""A small register across two years, a budget, and a drafted plan, for the action plan's database tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from insatskollen.actionplan.services import action_plan_draft
from insatskollen.ledger.models import BudgetLine

TODAY = dt.datetime(2026, 6, 15, 12, 0)


@pytest.fixture
def pinned():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def register(pinned, make_decision, client_a, client_b, bob, home_help):
    """Last year: one ongoing group home place. This year: two new decisions, the dearer one named B-BIG."""
    make_decision(client_a, external_id="B-OLD", decision_date=dt.date(2024, 12, 1), start_date=dt.date(2025, 1, 1))
    make_decision(client_b, external_id="B-BIG", caseworker=bob, price=Decimal(4000),
                  decision_date=dt.date(2026, 2, 1), start_date=dt.date(2026, 3, 1))
    make_decision(client_a, external_id="B-SMALL", intervention_type=home_help, unit="tim/vecka",
                  extent=Decimal(5), price=Decimal(350), decision_date=dt.date(2026, 1, 5),
                  start_date=dt.date(2026, 1, 10))
    for month in range(1, 13):
        BudgetLine.objects.create(year=2026, month=month, amount=Decimal(200_000))


@pytest.fixture
def plan(register, hanna):
    return action_plan_draft(year=2026, as_of=dt.date(2026, 5, 31), actor=hanna)
