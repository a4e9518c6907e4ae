"""Taking a month end's forecast snapshot: its figures and inputs, idempotent retakes, refused dates, audit."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.forecasting.models import ForecastSnapshot
from insatskollen.forecasting.selectors import forecast
from insatskollen.forecasting.services import (
    CREATED,
    UNCHANGED,
    UPDATED,
    SnapshotError,
    forecast_snapshot_take,
)
from insatskollen.ledger.services import budget_import, ledger_import

from ..ledger.helpers import BUDGET_HEADER, write_file

pytestmark = pytest.mark.django_db

MONTHLY_COST = 160000
BUDGET = 2400000
PRICE = 3250  # a day, from make_decision


@pytest.fixture
def unit_year(tmp_path, make_decision, client_a):
    """One group-home place all year, eight months of ledger at 160 000 kr, a net budget of 2,4 MSEK."""
    make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    rows = [f"2025-{m:02d};4600;6510;{MONTHLY_COST};Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    assert ledger_import(write_file(tmp_path, *rows), actor=None).status == "imported"
    budget = write_file(tmp_path, f"2025;;;{BUDGET}", header=BUDGET_HEADER, name="budget.csv")
    assert budget_import(budget, actor=None).status == "imported"


@pytest.fixture(autouse=True)
def mid_september():
    with time_machine.travel(dt.datetime(2025, 9, 15, 12, 0), tick=False):
        yield


def test_the_snapshot_keeps_the_month_ends_forecast_with_its_inputs(unit_year, carl):
    snapshot = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 20), actor=carl)

    assert snapshot.outcome == CREATED
    assert snapshot.as_of == dt.date(2025, 8, 31)
    # Commitment: eight ledger months plus the place's remaining 122 days (September–December).
    commitment = Decimal(8 * MONTHLY_COST + 122 * PRICE)
    assert Decimal(snapshot.methods["commitment"]["net"]) == commitment
    assert Decimal(snapshot.methods["commitment"]["deviation"]) == Decimal(BUDGET) - commitment
    run_rate = Decimal(8 * MONTHLY_COST) / 8 * 12
    # The headline figures are the recommended method's, as the forecast page shows them.
    assert snapshot.method == forecast(2025, dt.date(2025, 8, 31)).recommended
    chosen = snapshot.methods[snapshot.method]
    assert (snapshot.net, snapshot.cost, snapshot.revenue) == tuple(Decimal(chosen[k]) for k in
                                                                    ("net", "cost", "revenue"))
    assert snapshot.budget_net == Decimal(BUDGET)
    assert snapshot.deviation == Decimal(BUDGET) - snapshot.net
    assert Decimal(snapshot.methods["run_rate"]["net"]) == run_rate
    assert Decimal(snapshot.methods["run_rate"]["deviation"]) == Decimal(BUDGET) - run_rate
    assert snapshot.inputs["ledger"]["months"] == [{"month": f"2025-{m:02d}", "net": f"{MONTHLY_COST}.00"}
                                                   for m in range(1, 9)]
    assert snapshot.inputs["register"]["versions"] == 1
    assert snapshot.inputs["budget"]["total"] == f"{BUDGET}.00"
    assert snapshot.created_by == carl
    event = AuditEvent.objects.get(action=AuditAction.FORECAST_SNAPSHOT_TAKEN)
    assert event.actor == carl and event.object_id == str(snapshot.pk)
    assert event.detail["as_of"] == "2025-08-31"


def test_retaking_with_the_same_inputs_changes_nothing_and_writes_no_event(unit_year, carl, hanna):
    first = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 31), actor=carl)
    again = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 5), actor=hanna)

    assert again.outcome == UNCHANGED and again.pk == first.pk
    assert ForecastSnapshot.objects.count() == 1
    assert ForecastSnapshot.objects.get().created_by == carl
    assert AuditEvent.objects.filter(action=AuditAction.FORECAST_SNAPSHOT_TAKEN).count() == 1


def test_a_redelivered_ledger_month_updates_the_snapshot_and_says_why(unit_year, tmp_path, carl):
    first = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 31), actor=carl)
    redelivery = write_file(tmp_path, "2025-08;4600;6510;200000;Solgläntan AB;Faktura;V8b", name="aug.csv")
    assert ledger_import(redelivery, actor=None).status == "imported"

    again = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 31), actor=carl)

    assert again.outcome == UPDATED and again.pk == first.pk
    assert again.changed_inputs == ["huvudboken"]
    assert Decimal(again.methods["commitment"]["net"]) == Decimal(first.methods["commitment"]["net"]) + 40000
    assert Decimal(again.methods["run_rate"]["net"]) == Decimal(first.methods["run_rate"]["net"]) + 60000  # 40 000 / 8 × 12
    assert again.inputs["ledger"]["months"][-1] == {"month": "2025-08", "net": "200000.00"}
    event = AuditEvent.objects.filter(action=AuditAction.FORECAST_SNAPSHOT_TAKEN).order_by("-id").first()
    assert Decimal(event.detail["net_before"]) == first.net


def test_each_month_end_gets_its_own_snapshot(unit_year, carl):
    july = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 7, 31), actor=carl)
    august = forecast_snapshot_take(year=2025, as_of=dt.date(2025, 8, 31), actor=carl)

    assert ForecastSnapshot.objects.count() == 2
    # July: seven ledger months plus August–December, 153 days.
    assert Decimal(july.methods["commitment"]["net"]) == 7 * MONTHLY_COST + 153 * PRICE
    assert Decimal(august.methods["commitment"]["net"]) == 8 * MONTHLY_COST + 122 * PRICE


@pytest.mark.parametrize("as_of, message", [
    (dt.date(2025, 9, 10), "bara avslutade månader"),
    (dt.date(2024, 12, 31), "prognosåret 2025"),
])
def test_a_month_not_yet_ended_or_of_another_year_is_refused(unit_year, carl, as_of, message):
    with pytest.raises(SnapshotError, match=message):
        forecast_snapshot_take(year=2025, as_of=as_of, actor=carl)

    assert not ForecastSnapshot.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.FORECAST_SNAPSHOT_TAKEN).exists()
