"""The bridge from the database: register history by when it became known, ledger actuals, and the command."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from insatskollen.forecasting.bridge import ACTUALS, ENDED, EXTENT, NEW, PRICE, REESTIMATED
from insatskollen.forecasting.selectors import forecast, forecast_bridge
from insatskollen.ledger.services import ledger_import
from insatskollen.register.services import decision_change, start_of_day

from ..ledger.helpers import write_file

pytestmark = pytest.mark.django_db

FROM, TO = dt.date(2025, 4, 30), dt.date(2025, 8, 31)


@pytest.fixture
def history(tmp_path, make_decision, client_a, client_b):
    """Two decisions known in January, changed in June; a new one in July; eight months of ledger."""
    kept = make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    changed = make_decision(client_b, external_id="BES-2", start_date=dt.date(2025, 1, 1), price=Decimal(2000))
    decision_change(decision=kept, actor=None, known_at=start_of_day(dt.date(2025, 6, 10)), extent=Decimal(2))
    decision_change(decision=changed, actor=None, known_at=start_of_day(dt.date(2025, 6, 12)), price=Decimal(2200),
                    end_date=dt.date(2025, 10, 31))
    make_decision(client_a, external_id="BES-3", decision_date=dt.date(2025, 7, 1), start_date=dt.date(2025, 7, 1),
                  price=Decimal(1000))
    rows = [f"2025-{m:02d};4600;6510;160 000;Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    result = ledger_import(write_file(tmp_path, *rows), actor=None)
    assert result.status == "imported", result.errors


def test_the_bridge_explains_the_commitment_forecasts_change_exactly_with_named_cases(history):
    result = forecast_bridge(FROM, TO, method="commitment")

    assert result.method == "commitment"
    assert sum((d.amount for d in result.drivers), Decimal(0)) == result.net_to - result.net_from
    assert result.remainder == 0
    before, after = forecast(2025, FROM).methods["commitment"].net, forecast(2025, TO).methods["commitment"].net
    assert (result.net_from, result.net_to) == (before, after)
    drivers = {d.driver: d for d in result.drivers}
    # Sep–Dec is 122 days: BES-1 doubles (+122 × 3 250), BES-3 is new (122 × 1 000), BES-2 costs 200 more a day
    # for its remaining 61 days and loses Nov–Dec (61 × 2 000 at its old price).
    assert drivers[EXTENT].amount == Decimal(122 * 3250)
    assert drivers[NEW].amount == Decimal(122 * 1000)
    assert drivers[PRICE].amount == Decimal(61 * 200)
    assert drivers[ENDED].amount == Decimal(-61 * 2000)
    assert [(c.decision, c.client) for c in drivers[NEW].cases] == [("BES-3", "19870312-****")]
    assert [c.client for c in drivers[ENDED].cases] == ["19950704-****"]
    expected_may_to_august = 123 * 3250 + 123 * 2000
    assert drivers[ACTUALS].amount == Decimal(4 * 160000 - expected_may_to_august)


@pytest.mark.parametrize("method", ["expected_change"])
def test_a_method_beyond_the_commitment_adds_its_re_estimated_expectations(history, method):
    commitment = forecast_bridge(FROM, TO, method="commitment")
    result = forecast_bridge(FROM, TO, method=method)

    before, after = forecast(2025, FROM).methods, forecast(2025, TO).methods
    assert result.method == method
    assert sum((d.amount for d in result.drivers), Decimal(0)) == result.net_to - result.net_from
    assert (result.net_from, result.net_to) == (before[method].net, after[method].net)
    drivers = {d.driver: d.amount for d in result.drivers}
    gap_change = (after[method].net - after["commitment"].net) - (before[method].net - before["commitment"].net)
    assert drivers[REESTIMATED] == gap_change
    # The register's drivers are the commitment's own.
    assert {d.driver: d.amount for d in commitment.drivers} == {k: v for k, v in drivers.items() if k != REESTIMATED}


def test_by_default_the_bridge_explains_the_recommended_method(history):
    assert forecast_bridge(FROM, TO).method == forecast(2025, TO).recommended


@pytest.mark.parametrize("method", ["baseline", "run_rate"])
def test_a_method_that_reads_only_the_ledger_moves_only_with_the_actuals(history, method):
    """The baseline never read the register: its bridge names no new or ended decisions, only the actuals."""
    result = forecast_bridge(FROM, TO, method=method)
    before, after = forecast(2025, FROM).methods, forecast(2025, TO).methods
    assert (result.net_from, result.net_to) == (before[method].net, after[method].net)
    assert [(d.driver, d.amount) for d in result.drivers] == [(ACTUALS, after[method].net - before[method].net)]
    assert not any(d.cases for d in result.drivers)


def test_the_command_prints_the_bridge_as_json(history):
    out = io.StringIO()
    call_command("forecast_bridge", "--from", "2025-04-30", "--to", "2025-08-31", "--method", "commitment", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())

    assert (data["from"], data["to"]) == ("2025-04-30", "2025-08-31")
    assert sum(d["amount"] for d in data["drivers"]) == pytest.approx(data["net_to"] - data["net_from"], abs=0.01)
    assert any(c["decision"] == "BES-3" for d in data["drivers"] for c in d["cases"])
    assert "198703121239" not in out.getvalue()


def test_without_a_register_the_run_rates_change_is_all_actuals(tmp_path):
    rows = [f"2025-{m:02d};4600;6510;{100000 + m * 1000};Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    ledger_import(write_file(tmp_path, *rows), actor=None)

    result = forecast_bridge(FROM, TO)  # the recommended method: one that reads only the ledger
    recommended = forecast(2025, TO).recommended

    # Without a register the combination is of ledger methods: its change too is all actuals.
    assert result.method == recommended and recommended in ("run_rate", "baseline", "combined")
    assert result.net_from == forecast(2025, FROM).methods[recommended].net
    assert [(d.driver, d.amount) for d in result.drivers] == [(ACTUALS, result.net_to - result.net_from)]
    # Asked for the commitment, which has no register here, the bridge explains the run rate.
    assert forecast_bridge(FROM, TO, method="commitment").method == "run_rate"


def test_the_command_refuses_a_from_after_to(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("forecast_bridge", "--from", "2025-09-01", "--to", "2025-08-31", "--json")
