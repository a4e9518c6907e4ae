"""One registry names every method: a method missing from it fails here instead of showing a raw key."""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.actionplan.selectors import draft_figures
from insatskollen.forecasting import registry
from insatskollen.forecasting.selectors import backtest, forecast
from insatskollen.forecasting.snapshots import METHOD_DESCRIPTIONS, METHOD_LABELS
from insatskollen.ledger.services import ledger_import

from ..ledger.helpers import write_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(tmp_path, make_decision, client_a):
    """A decision and a ledger for 2024 and January–May 2025: every method has something to stand on."""
    make_decision(client_a, decision_date=dt.date(2023, 12, 1), start_date=dt.date(2024, 1, 1))
    rows = [f"{y}-{m:02d};4600;6510;{100000 + 1000 * m};Solgläntan AB;Faktura;V{y}{m}"
            for y in (2024, 2025) for m in range(1, 13) if (y, m) <= (2025, 5)]
    ledger_import(write_file(tmp_path, *rows), actor=None)


def test_every_method_a_forecast_gives_is_registered_with_a_label(two_years):
    result = forecast(2025, dt.date(2025, 5, 31))
    assert set(result.methods) == set(registry.KEYS)  # all six, the combination included
    for key in result.methods:
        assert registry.method_label(key) and registry.method_label(key) != key
        assert METHOD_LABELS[key] == registry.method(key).label
        assert METHOD_DESCRIPTIONS[key] == registry.method(key).description
    assert result.recommended == "combined"


def test_the_backtest_scores_only_registered_methods(two_years):
    assert set(backtest(2025).methods) <= set(registry.KEYS)


def test_a_method_missing_from_the_registry_is_an_error_not_a_raw_key():
    with pytest.raises(KeyError):
        registry.method_label("made_up_method")


def test_the_action_plan_names_the_recommended_method_from_the_registry(two_years):
    draft = draft_figures(2025, dt.date(2025, 5, 31))
    assert draft.forecast_method == registry.method("combined").document_name
    assert draft.forecast_net == forecast(2025, dt.date(2025, 5, 31)).methods["combined"].net
    assert isinstance(draft.forecast_net, Decimal)
