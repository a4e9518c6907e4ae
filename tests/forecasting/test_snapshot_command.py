"""`forecast_snapshot --month-ends` gives a unit its Tables 1–2 history at once; a rerun changes nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from insatskollen.forecasting.models import ForecastSnapshot
from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.services import ledger_import

from ..ledger.helpers import write_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(tmp_path):
    rows = [f"2025-{m:02d};4600;6510;{100000 + m * 1000};Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    assert ledger_import(write_file(tmp_path, *rows), actor=None).status == "imported"


@time_machine.travel(dt.datetime(2025, 9, 15, 12, 0), tick=False)
def test_month_ends_takes_every_ended_month_and_a_rerun_keeps_them(ledger):
    out = io.StringIO()
    call_command("forecast_snapshot", "--year", "2025", "--month-ends", stdout=out)

    snapshots = list(ForecastSnapshot.objects.order_by("as_of"))
    assert [s.as_of.month for s in snapshots] == list(range(1, 9))
    for snapshot in snapshots:
        # The run rate: the ledger to date / months × 12; the headline is the method recommended at that date.
        to_date = sum(100000 + m * 1000 for m in range(1, snapshot.as_of.month + 1))
        expected = (Decimal(to_date) / snapshot.as_of.month * 12).quantize(Decimal("0.01"))
        assert Decimal(snapshot.methods["run_rate"]["net"]) == expected
        result = forecast(2025, snapshot.as_of)
        assert (snapshot.method, snapshot.net) == (result.recommended, result.methods[result.recommended].net)
    assert "8 sparade" in out.getvalue()

    rerun = io.StringIO()
    call_command("forecast_snapshot", "--year", "2025", "--month-ends", stdout=rerun)
    assert "0 sparade, 0 uppdaterade, 8 oförändrade" in rerun.getvalue()
    assert ForecastSnapshot.objects.count() == 8


@time_machine.travel(dt.datetime(2025, 9, 15, 12, 0), tick=False)
def test_as_of_takes_one_month_and_refuses_a_month_not_ended(ledger):
    call_command("forecast_snapshot", "--year", "2025", "--as-of", "2025-03-14", stdout=io.StringIO())
    assert list(ForecastSnapshot.objects.values_list("as_of", flat=True)) == [dt.date(2025, 3, 31)]

    with pytest.raises(CommandError, match="avslutade"):
        call_command("forecast_snapshot", "--year", "2025", "--as-of", "2025-09-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--as-of"):
        call_command("forecast_snapshot", "--year", "2025", "--as-of", "31/3", stdout=io.StringIO())
