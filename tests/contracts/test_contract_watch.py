"""The contract watch: windows of 30/90/180 days, ranking by annual cost or by excess over the median."""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.contracts.selectors import contract_watch
from insatskollen.register.models import Decision

AS_OF = dt.date(2025, 6, 30)
YEAR_DAYS_2025 = 365


def day_price_year_cost(price, start=dt.date(2025, 2, 1)):
    """A "dygn" decision at `price` a day from `start` to the year's end, by hand."""
    days = (dt.date(2025, 12, 31) - start).days + 1
    return float(Decimal(price) * days)


@pytest.fixture
def watched(client_a, client_b, make_decision, make_contract):
    """Three individual contracts ending in 20, 60 and 150 days, one too late, a framework one, and peers."""
    near = make_contract("IA-NEAR", AS_OF + dt.timedelta(days=20), client=client_a, price=3000)
    mid = make_contract("IA-MID", AS_OF + dt.timedelta(days=60), client=client_b, price=5000)
    far = make_contract("IA-FAR", AS_OF + dt.timedelta(days=150), client=client_a, price=4000)
    make_contract("IA-LATE", AS_OF + dt.timedelta(days=200), client=client_a)
    make_contract("RAM", AS_OF + dt.timedelta(days=10), individual=False)
    make_decision(client_a, contract=near, price=Decimal(3000), level="3", external_id="B-NEAR")
    make_decision(client_b, contract=mid, price=Decimal(5000), level="3", external_id="B-MID")
    make_decision(client_a, contract=far, price=Decimal(4000), level="3", external_id="B-FAR")
    # Peers without a contract: the comparable prices for code 6510 level 3 per day.
    for i, price in enumerate((3000, 3400, 3600)):
        make_decision(client_a, price=Decimal(price), level="3", external_id=f"B-PEER{i}")
    make_decision(client_a, price=Decimal(9000), level="5", external_id="B-OTHERLEVEL")
    return near, mid, far


def references(items):
    return [i["contract"] for i in items]


def test_windows_are_cumulative(watched):
    qs = Decision.objects.all()
    assert references(contract_watch(qs, AS_OF, within=30)) == ["IA-NEAR"]
    assert set(references(contract_watch(qs, AS_OF, within=90))) == {"IA-NEAR", "IA-MID"}
    items = contract_watch(qs, AS_OF)
    assert set(references(items)) == {"IA-NEAR", "IA-MID", "IA-FAR"}
    assert {i["contract"]: i["window"] for i in items} == {"IA-NEAR": 30, "IA-MID": 90, "IA-FAR": 180}


def test_ranked_by_annual_cost_computed_from_the_decisions(watched):
    items = contract_watch(Decision.objects.all(), AS_OF)
    assert references(items) == ["IA-MID", "IA-FAR", "IA-NEAR"]
    assert items[0]["annual_cost"] == pytest.approx(day_price_year_cost(5000))
    assert items[2]["annual_cost"] == pytest.approx(day_price_year_cost(3000))


def test_median_and_excess_against_the_other_contracts(watched):
    items = {i["contract"]: i for i in contract_watch(Decision.objects.all(), AS_OF)}
    # For IA-MID the others at level 3 are 3000 (NEAR), 4000 (FAR), 3000, 3400, 3600: median 3400.
    mid = items["IA-MID"]
    assert mid["median_price"] == 3400 and mid["comparable_count"] == 5
    assert mid["excess_per_unit"] == 5000 - 3400
    assert mid["excess_pct"] == pytest.approx(round(1600 / 3400 * 100, 1))
    assert mid["annual_excess"] == pytest.approx(day_price_year_cost(5000) * 1600 / 5000, abs=0.01)
    # For IA-NEAR the others are 5000, 4000, 3000, 3400, 3600: median 3600, below it.
    assert items["IA-NEAR"]["median_price"] == 3600
    assert items["IA-NEAR"]["excess_per_unit"] == 3000 - 3600


def test_ranking_by_excess_puts_the_dearest_relative_to_peers_first(watched):
    items = contract_watch(Decision.objects.all(), AS_OF, sort="excess")
    assert references(items) == ["IA-MID", "IA-FAR", "IA-NEAR"]
    assert items[0]["annual_excess"] > items[1]["annual_excess"] > 0 > items[2]["annual_excess"]


def test_team_filter_and_visible_teams(watched, team_a, make_contract, client_b):
    assert set(references(contract_watch(Decision.objects.all(), AS_OF, "team-a"))) == {"IA-NEAR", "IA-FAR"}
    make_contract("IA-EMPTY-B", AS_OF + dt.timedelta(days=5), client=client_b)
    own = Decision.objects.filter(client__team=team_a)
    seen = references(contract_watch(own, AS_OF, visible_team_ids=[team_a.pk]))
    assert "IA-EMPTY-B" not in seen and "IA-MID" not in seen


def test_expired_contract_with_active_decisions_stays_listed(client_a, make_decision, make_contract):
    gone = make_contract("IA-GONE", AS_OF - dt.timedelta(days=10), client=client_a)
    make_contract("IA-GONE-EMPTY", AS_OF - dt.timedelta(days=10), client=client_a)
    make_decision(client_a, contract=gone, external_id="B-GONE")
    items = contract_watch(Decision.objects.all(), AS_OF)
    assert references(items) == ["IA-GONE"]
    assert items[0]["days_left"] == -10 and items[0]["window"] == 30
