import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.register.models import InterventionType
from insatskollen.transport.models import ClosedDay
from insatskollen.transport.services import (
    carrier_get_or_create,
    transport_order_change,
    transport_order_create,
)


@pytest.fixture
def daily_activity(db):
    return InterventionType.objects.create(code="6330", name="Daglig verksamhet", law="LSS", unit="månad")


@pytest.fixture
def carrier(db):
    return carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)[0]


@pytest.fixture
def transport_order(client_a, make_decision, daily_activity, carrier, provider):
    """client_a: 250 kr a trip, 10 trips a week Monday–Friday from 1 March 2025, 300 kr from 1 April; the daily
    activity (ended 20 April 2025) closed on 14 March."""
    activity = make_decision(client_a, intervention_type=daily_activity, unit="månad", price=Decimal(9000),
                             start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 4, 20),
                             decision_date=dt.date(2024, 12, 1))
    order = transport_order_create(client=client_a, actor=None, carrier=carrier, price=Decimal(250),
                                   trips_per_week=10, valid_from=dt.date(2025, 3, 1), contract="TR-2025",
                                   from_place="Hemmet", to_place="Verkstan", activity_decision=activity)
    transport_order_change(order=order, actor=None, valid_from=dt.date(2025, 4, 1), price=Decimal(300),
                           contract="TR-2025B")
    ClosedDay.objects.create(day=dt.date(2025, 3, 14), provider=provider, reason="Planeringsdag")
    return order


HEADER = "Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Antal resor;Belopp;Avtal\n"


@pytest.fixture
def invoice_file(tmp_path):
    def make(rows: list[str], name: str = "faktura.csv") -> str:
        path = tmp_path / name
        path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return str(path)
    return make
