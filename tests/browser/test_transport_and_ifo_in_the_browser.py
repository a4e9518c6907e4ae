"""The transport and IFO pages, with an imported invoice, an agreement, a flagged case and a dispute, read in a real
browser as the unit head and the controller: axe-core finds no violations, and every table wider than the page
scrolls in a labelled region."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from insatskollen.costsharing.models import ShareKind
from insatskollen.costsharing.services import (
    ifo_involvement_set,
    sharing_agreement_create,
    sharing_dispute_record,
)
from insatskollen.transport.importing.service import transport_invoice_import
from insatskollen.transport.models import TransportInvoice
from insatskollen.transport.services import (
    carrier_get_or_create,
    transport_order_change,
    transport_order_create,
)

from ..conftest import PASSWORD
from .conftest import log_in
from .test_accessibility_in_the_browser import UNREACHABLE_WIDE_TABLES, violations_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def transport_data(hanna, carl, client_a, client_b, make_decision, home_help, tmp_path):
    make_decision(client_a, start_date=dt.date(2025, 1, 1))
    make_decision(client_b, intervention_type=home_help, unit="tim/vecka", extent=Decimal(10), price=Decimal(400),
                  start_date=dt.date(2025, 1, 1))
    carrier = carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)[0]
    order = transport_order_create(client=client_a, actor=None, carrier=carrier, price=Decimal(250),
                                   trips_per_week=10, valid_from=dt.date(2025, 1, 1), contract="TBR-2025",
                                   from_place="Hemmet", to_place="Verkstan")
    transport_order_change(order=order, actor=None, valid_from=dt.date(2025, 3, 1), price=Decimal(330),
                           contract="TBR-2025B")
    path = tmp_path / "f.csv"
    path.write_text("Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Antal resor;Belopp;Avtal\n"
                    "F-1;Norra Färdtjänsten AB;2025-02-28;19870312-1239;2025-02-03;2;500;TBR-2025\n"
                    "F-1;Norra Färdtjänsten AB;2025-02-28;19870312-1239;2025-02-03;2;500;TBR-2025\n"
                    "F-2;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-03;2;700;TBR-2025B\n"
                    "F-2;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-08;2;660;TBR-2025B\n",
                    encoding="utf-8")
    assert transport_invoice_import(path, actor=None).status == "imported"
    sharing_agreement_create(client=client_b, actor=None, kind=ShareKind.PERCENT, share_pct=Decimal(40),
                             valid_from=dt.date(2025, 3, 1), signed_on=dt.date(2025, 2, 20), signed_by="Eva Ek")
    ifo_involvement_set(client=client_a, actor=None, involved=True, note="Socialpsykiatrin")
    dispute = sharing_dispute_record(client=client_a, actor=None, reason="IFO bestrider andelen",
                                     follow_up_on=dt.date(2025, 4, 30))
    invoice = TransportInvoice.objects.get(number="F-2")
    return ["/resor/?year=2025", f"/resor/fakturor/{invoice.pk}/", "/resor/bestallningar/",
            "/resor/avstamning/?year=2025", "/ifo/", "/ifo/avtal/nytt/", f"/ifo/tvister/{dispute.pk}/",
            "/ifo/vidarefakturering/?manad=2025-03"]


@pytest.mark.parametrize("username", ["hanna", "carl"])
def test_the_pages_have_no_axe_violations_and_tables_scroll(page, transport_data, username):
    axe = Axe()
    log_in(page, username, PASSWORD)
    found = []
    for path in transport_data:
        found += violations_on(page, axe, path)
    assert not found, "\n".join(found)
    page.set_viewport_size({"width": 390, "height": 800})
    for path in transport_data:
        if page.goto(path).status == 200:
            assert page.evaluate(UNREACHABLE_WIDE_TABLES) == [], path
