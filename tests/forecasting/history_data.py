"""The unit behind the forecast download and API tests, with figures computed by hand.

As of 31 August 2025: ledger January–August 100 000 a month (and all of 2024: 100 000 + month × 5 000); BES-1 (team A,
one place at 3 250 a day all year) doubled in extent in August; a new decision in team B from 1 August at 1 000 a
day, whose Beslut-id is a formula; a 2025 budget of 1 500 000. September–December has 122 days.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from insatskollen.ledger.services import budget_import, ledger_import
from insatskollen.register.services import decision_change, start_of_day

from ..ledger.helpers import BUDGET_HEADER, write_file

PRICE = 3250
NEW_PRICE = 1000
EVIL = '=HYPERLINK("http://angripare.example","Klicka")'
BUDGET = 1500000
ACTUAL = 8 * 100000
RUN_RATE = ACTUAL / 8 * 12
COMMITMENT = ACTUAL + 122 * (2 * PRICE + NEW_PRICE)
AMOUNTS_2024 = {m: 100000 + m * 5000 for m in range(1, 13)}


def make_history(tmp_path, make_decision, client_a, client_b, bob) -> None:
    kept = make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    decision_change(decision=kept, actor=None, known_at=start_of_day(dt.date(2025, 8, 10)), extent=Decimal(2))
    make_decision(client_b, external_id=EVIL, caseworker=bob, decision_date=dt.date(2025, 8, 1),
                  start_date=dt.date(2025, 8, 1), price=Decimal(NEW_PRICE))
    rows = [f"2025-{m:02d};4600;6510;100000;Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    rows += [f"2024-{m:02d};4600;6510;{amount};Solgläntan AB;Faktura;W{m}" for m, amount in AMOUNTS_2024.items()]
    assert ledger_import(write_file(tmp_path, *rows), actor=None).status == "imported"
    budget = write_file(tmp_path, f"2025;;;{BUDGET}", header=BUDGET_HEADER, name="budget.csv")
    assert budget_import(budget, actor=None).status == "imported"


@pytest.fixture
def mid_september():
    """The tests read the unit on 15 September 2025 (import with autouse: `pytestmark` or a wrapping fixture)."""
    with time_machine.travel(dt.datetime(2025, 9, 15, 12, 0), tick=False):
        yield


@pytest.fixture
def history(tmp_path, make_decision, client_a, client_b, bob):
    make_history(tmp_path, make_decision, client_a, client_b, bob)
