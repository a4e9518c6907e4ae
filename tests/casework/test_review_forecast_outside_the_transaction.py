"""A review's whole-unit forecasts (before and after) run outside its write transaction: the register is locked
only for the write, and the review still records both figures."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from insatskollen.casework import services
from insatskollen.casework.models import ReviewOutcome, ReviewRecord
from insatskollen.ledger.models import LedgerBatch, LedgerEntry

pytestmark = pytest.mark.django_db(transaction=True)  # real transactions, so "inside one" means the review's own


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)


def test_forecasts_run_outside_the_write_transaction(alice, make_decision, client_a, home_help, monkeypatch):
    decision = make_decision(client_a, intervention_type=home_help, unit="tim/vecka", extent=Decimal(20),
                             price=Decimal(350), decision_date=dt.date(2024, 5, 2), start_date=dt.date(2024, 5, 2))
    batch = LedgerBatch.objects.create(file_name="ledger.csv")
    for month in range(1, 6):
        LedgerEntry.objects.create(batch=batch, period=dt.date(2025, month, 1), account="4600", amount=Decimal(10000))
    inside: list[bool] = []
    real_forecast = services.forecast

    def watched(*args, **kwargs):
        inside.append(connection.in_atomic_block)
        return real_forecast(*args, **kwargs)

    monkeypatch.setattr(services, "forecast", watched)
    review = services.review_record(decision=decision, actor=alice, outcome=ReviewOutcome.REDUCED,
                                    reviewed_on=dt.date(2025, 6, 16), extent_after=Decimal(12),
                                    effective_from=dt.date(2025, 7, 1))
    assert inside == [False, False]
    stored = ReviewRecord.objects.get(pk=review.pk)
    assert stored.forecast_net_before is not None and stored.forecast_net_after is not None
    assert stored.forecast_net_after < stored.forecast_net_before


def test_a_refused_review_runs_no_forecast(alice, make_decision, client_a, monkeypatch):
    from django.core.exceptions import ValidationError

    decision = make_decision(client_a)
    monkeypatch.setattr(services, "forecast", lambda *a, **k: pytest.fail("no forecast for a refused review"))
    with pytest.raises(ValidationError):
        services.review_record(decision=decision, actor=alice, outcome="nonsense", reviewed_on=dt.date(2025, 6, 16))
