"""The backtest: each month end's forecast, only with what was known then, against the year's actual net."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from insatskollen.forecasting.backtest import month_end, percentage_error, run_backtest
from insatskollen.forecasting.methods import YearFigures
from insatskollen.forecasting.selectors import backtest, forecast
from insatskollen.ledger.services import ledger_import
from insatskollen.register.services import decision_change, start_of_day

from ..ledger.helpers import write_file


def test_a_steady_year_gives_run_rate_no_error_and_an_exact_register_none():
    actual = {m: YearFigures(Decimal(1000), Decimal(100)) for m in range(1, 13)}
    rest = {m: YearFigures(Decimal(1000 * (12 - m)), Decimal(100 * (12 - m))) for m in range(1, 12)}
    result = run_backtest(2025, actual, rest)
    assert result.actual_net == Decimal(10800)
    assert result.methods["run_rate"].mape == 0 and result.methods["commitment"].mape == 0
    assert len(result.methods["run_rate"].forecasts) == 11


def test_errors_are_percentages_of_the_actual_net_with_their_sign_in_the_bias():
    actual = {m: YearFigures(Decimal(1000 if m <= 6 else 2000), Decimal(0)) for m in range(1, 13)}
    result = run_backtest(2025, actual, {})
    run_rate = result.methods["run_rate"]
    assert "commitment" not in result.methods
    assert run_rate.forecasts[6] == Decimal(12000)
    assert run_rate.errors[6] == percentage_error(Decimal(12000), Decimal(18000)) == Decimal("-33.33")
    assert run_rate.bias < 0 and run_rate.mape == -run_rate.bias
    assert result.as_dict()["methods"]["run_rate"]["months"][5] == {
        "as_of": "2025-06-30", "forecast_net": 12000.0, "ape": 33.33, "error_pct": -33.33}


def test_no_actual_net_gives_no_percentage():
    assert percentage_error(Decimal(5), Decimal(0)) is None


@pytest.mark.django_db
def test_the_backtest_repeats_the_forecast_of_each_month_end(tmp_path, make_decision, client_a, client_b):
    kept = make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    make_decision(client_b, external_id="BES-2", decision_date=dt.date(2025, 5, 20), start_date=dt.date(2025, 6, 1))
    decision_change(decision=kept, actor=None, known_at=start_of_day(dt.date(2025, 3, 31)), extent=Decimal(2))
    rows = [f"2025-{m:02d};4600;6510;{200000 + m * 5000};Solgläntan AB;Faktura;V{m}" for m in range(1, 13)]
    ledger_import(write_file(tmp_path, *rows), actor=None)

    result = backtest(2025)

    assert result.actual_net == sum(Decimal(200000 + m * 5000) for m in range(1, 13))
    for month, day in ((2, dt.date(2025, 2, 28)), (3, dt.date(2025, 3, 31)), (5, dt.date(2025, 5, 31))):
        expected = forecast(2025, day).methods
        assert result.methods["run_rate"].forecasts[month] == expected["run_rate"].net
        assert result.methods["commitment"].forecasts[month] == expected["commitment"].net

    out = io.StringIO()
    call_command("backtest", "--year", "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data["methods"]) == {"run_rate", "commitment", "expected_change", "baseline", "combined"}
    # Every month end's 80 % interval, and the share that held the year's net.
    inside = [low <= float(result.actual_net) <= high for low, high in data["intervals"].values()]
    assert data["coverage"] == round(100 * sum(inside) / len(inside), 1)
    out = io.StringIO()
    call_command("backtest", "--year", "2025", stdout=out)
    text = out.getvalue()
    assert "rekommenderad" in text and "intervallets täckning" in text and "Rang mot referensmetoderna" in text
    assert [m["method"] for m in data["recommended"]["months"]] == [
        forecast(2025, month_end(2025, m)).recommended for m in range(1, 12)]
    assert [m["as_of"] for m in data["methods"]["run_rate"]["months"]][-1] == "2025-11-30"
    assert data["mape"]["commitment"] == data["methods"]["commitment"]["mape"]
