"""The forecast from the database: only what was known on the as-of date, every method, the details' extras."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.services import ledger_import
from insatskollen.register.services import decision_change, start_of_day

from ..ledger.helpers import write_file

pytestmark = pytest.mark.django_db
CONTRACT_KEYS = {"year", "as_of", "budget_net", "actual_to_date", "forecasts", "recommended"}


@pytest.fixture
def unit_with_history(tmp_path, make_decision, client_a, client_b):
    """Two decisions in 2025 and a ledger for January–June 2025 of 100 000 kr a month."""
    kept = make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    make_decision(client_b, external_id="BES-2", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 2, 28))
    rows = [f"2025-{m:02d};4600;6510;100000;Solgläntan AB;Faktura;V{m}" for m in range(1, 7)]
    ledger_import(write_file(tmp_path, *rows), actor=None)
    return kept


def test_a_change_known_after_the_as_of_date_does_not_move_the_forecast(unit_with_history):
    before = forecast(2025, dt.date(2025, 4, 30)).as_dict(details=True)
    decision_change(decision=unit_with_history, actor=None, known_at=start_of_day(dt.date(2025, 5, 15)),
                    extent=Decimal(3))
    assert forecast(2025, dt.date(2025, 4, 30)).as_dict(details=True) == before
    later = forecast(2025, dt.date(2025, 5, 31))
    assert later.methods["commitment"].net != Decimal(str(before["forecasts"]["commitment"]["net"]))


def test_commitment_adds_the_register_to_the_ledgers_months(unit_with_history):
    result = forecast(2025, dt.date(2025, 4, 30))
    # Ledger January–April; the group home (3 250 kr a day) May–December: 245 days.
    assert result.actual.net == Decimal(400_000)
    assert result.methods["commitment"].net == Decimal(400_000) + Decimal(3250) * 245
    assert result.methods["run_rate"].net == Decimal(1_200_000)
    # No ledger for 2024: no seasonal naive. The recommendation is the combination of the others.
    assert set(result.methods) == {"run_rate", "commitment", "expected_change", "baseline", "combined"}
    assert result.recommended in result.methods


def test_in_year_evidence_scores_the_methods_on_the_months_since(unit_with_history):
    result = forecast(2025, dt.date(2025, 6, 30))
    assert result.evidence_basis.startswith("Efterhandsprognoser vid månadsskiftena 2025")
    scored = {name: mape for name, mape in result.evidence.items() if mape is not None}
    # The register was never revised (one snapshot): only the ledger methods' hindcasts weigh, the best the most.
    assert result.single_snapshot and result.recommended == "combined"
    ledger_scored = {name: scored[name] for name in ("run_rate", "baseline")}
    best = min(ledger_scored, key=ledger_scored.get)
    assert result.weights[best] == max(result.weights[name] for name in ledger_scored)
    assert result.interval.low <= result.methods[result.recommended].net <= result.interval.high


def test_with_only_a_register_the_commitment_is_recommended(make_decision, client_a):
    make_decision(client_a, start_date=dt.date(2025, 1, 1))
    result = forecast(2025, dt.date(2025, 3, 31))
    assert result.recommended == "commitment" and result.interval is None
    assert result.methods["commitment"].net == Decimal(3250) * 365
    assert result.actual.net == 0


def test_the_command_prints_the_contract_and_the_details_on_request(unit_with_history):
    out = io.StringIO()
    call_command("forecast", "--year", "2025", "--as-of", "2025-04-30", "--json", stdout=out)
    plain = json.loads(out.getvalue())
    assert set(plain) == CONTRACT_KEYS and plain["recommended"] in plain["forecasts"]
    assert set(plain["forecasts"]["run_rate"]) == {"cost", "revenue", "net", "deviation"}
    out = io.StringIO()
    call_command("forecast", "--year", "2025", "--as-of", "2025-04-30", "--json", "--details", stdout=out)
    detailed = json.loads(out.getvalue())
    assert set(detailed) == CONTRACT_KEYS | {"interval", "evidence", "evidence_basis", "components", "actual_months",
                                             "missing_months", "weights", "weights_basis", "corrections", "single_snapshot",
                                             "shrinkage", "evidence_errors"}
    assert plain["recommended"] == "combined" and abs(sum(detailed["weights"].values()) - 1) < 1e-3
    assert set(detailed["components"]) == {"new_decisions", "ends", "changes", "ledger"}
    out = io.StringIO()
    call_command("forecast", "--year", "2025", "--as-of", "2025-04-30", "--details", stdout=out)
    assert "(rekommenderad)" in out.getvalue() and "Nya beslut" in out.getvalue()
