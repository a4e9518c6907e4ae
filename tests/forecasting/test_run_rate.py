"""The run-rate forecast reproduces the 2007 report's "Teoretisk prognos" for all twelve months (±1 kr)."""

import csv
from decimal import Decimal

import pytest

from insatskollen.forecasting.methods import commitment, run_rate

from ..register.helpers import EXPECTED, FIXTURES


def monthly_costs_2007() -> list[Decimal]:
    with (FIXTURES / "ledger_2007.csv").open(encoding="utf-8") as handle:
        return [Decimal(row["Belopp"]) for row in csv.DictReader(handle, delimiter=";")]


@pytest.mark.parametrize("month", range(1, 13))
def test_run_rate_equals_the_reports_theoretical_forecast(month):
    costs = monthly_costs_2007()
    result = run_rate(sum(costs[:month]), Decimal(0), month)
    expected = EXPECTED["ledger_2007"]["run_rate_cost_by_as_of_month"][f"2007-{month:02d}"]
    assert float(result.cost) == pytest.approx(expected, abs=1)


def test_run_rate_scales_revenue_the_same_way_and_nets_them():
    result = run_rate(Decimal(3000000), Decimal(600000), 3)
    assert (result.cost, result.revenue, result.net) == (Decimal("12000000.00"), Decimal("2400000.00"),
                                                         Decimal("9600000.00"))


def test_no_months_elapsed_forecasts_nothing():
    assert run_rate(Decimal(5), Decimal(0), 0).cost == 0


def test_commitment_adds_the_registers_rest_of_year_to_actuals():
    result = commitment(Decimal(100), Decimal(10), Decimal("50.005"), Decimal(5))
    assert (result.cost, result.revenue) == (Decimal("150.01"), Decimal("15.00"))
