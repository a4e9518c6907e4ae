"""The transport and IFO pages read as the unit head and the controller: flagged lines, the dispute follow-up, the
dispute list for the carrier (formula-safe), an agreement recorded from the web, the recharge statement."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.models import Decision
from insatskollen.transport.importing.service import transport_invoice_import
from insatskollen.transport.models import TransportInvoice
from insatskollen.transport.services import carrier_get_or_create, transport_order_create


@pytest.fixture
def invoice(decision_a, client_a, tmp_path):
    carrier = carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)[0]
    transport_order_create(client=client_a, actor=None, carrier=carrier, price=Decimal(250), trips_per_week=10,
                           valid_from=dt.date(2025, 3, 1), contract="TR", from_place="Hemmet", to_place="Verkstan")
    path = tmp_path / "f.csv"
    path.write_text("Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Antal resor;Belopp;Avtal\n"
                    "F-7;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-03;2;560;=HYPERLINK(1)\n"
                    "F-7;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-04;2;500;TR\n", encoding="utf-8")
    assert transport_invoice_import(path, actor=None).status == "imported"
    return TransportInvoice.objects.get()


def test_the_unit_head_sees_the_flagged_line_in_full_and_follows_it_up(browser_for, hanna, invoice):
    browser = browser_for(hanna)
    html = browser.get(reverse("web:transport_invoice", args=[invoice.pk])).content.decode()
    assert "19870312-1239" in html and "Annat pris än avtalet" in html and "60,00" in html
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED, object_type="transport invoice").exists()
    response = browser.post(reverse("web:transport_invoice", args=[invoice.pk]), {"status": "sent", "note": "Mejl"})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.dispute_status == "sent"


def test_the_controller_sees_masked_numbers_and_may_not_change(browser_for, carl, invoice):
    browser = browser_for(carl)
    html = browser.get(reverse("web:transport_invoice", args=[invoice.pk])).content.decode()
    assert "19870312-****" in html and "19870312-1239" not in html
    assert browser.post(reverse("web:transport_invoice", args=[invoice.pk]), {"status": "sent"}).status_code == 403


def test_the_dispute_list_is_formula_safe(browser_for, hanna, invoice):
    response = browser_for(hanna).get(reverse("web:transport_invoice_xlsx", args=[invoice.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "'=HYPERLINK(1)" in values and "=HYPERLINK(1)" not in values
    assert 60.0 in values  # the disputed amount


def test_overview_shows_the_month_and_a_text_alternative_for_the_chart(browser_for, carl, invoice):
    html = browser_for(carl).get(reverse("web:transport") + "?year=2025").content.decode()
    assert "Norra Färdtjänsten AB" in html and "<desc id=\"transport-trend-desc\">" in html
    assert 'class="visually-hidden"' in html


def test_an_agreement_from_the_web_changes_the_register_and_shows_on_the_statement(browser_for, hanna, client_a,
                                                                                  decision_a):
    browser = browser_for(hanna)
    response = browser.post(reverse("web:ifo_agreement_create"), {
        "client": "19870312-1239", "kind": "percent", "share_pct": "25", "valid_from": "2025-03-01",
        "signed_on": "2025-02-20", "signed_by": "Eva Ek"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Decision.objects.get(pk=decision_a.pk).ifo_share_pct == Decimal(25)
    html = browser.get(reverse("web:ifo_recharge") + "?manad=2025-03").content.decode()
    # 31 days × 3 250 = 100 750; 25 % = 25 187,50
    assert "25\u00a0187,50" in html
    pdf = browser.get(reverse("web:ifo_recharge_download", args=["pdf"]) + "?manad=2025-03")
    assert pdf.content.startswith(b"%PDF")


def test_an_agreement_over_100_percent_is_refused_on_the_form(browser_for, hanna, client_a, decision_a):
    response = browser_for(hanna).post(reverse("web:ifo_agreement_create"), {
        "client": "19870312-1239", "kind": "percent", "share_pct": "140", "valid_from": "2025-03-01",
        "signed_on": "2025-02-20", "signed_by": "Eva Ek"})
    assert response.status_code == 200 and "100 %" in response.content.decode()


def test_navigation_offers_resor_and_ifo_to_the_unit_head_and_controller(browser_for, hanna, carl, alice):
    def nav(user) -> str:
        html = browser_for(user).get(reverse("web:home")).content.decode()
        return html.split('aria-label="Huvudmeny"')[1].split("</nav>")[0]

    assert "Resor" in nav(hanna) and "IFO-delning" in nav(carl)
    assert "Resor" not in nav(alice)


def test_an_invoice_uploaded_by_the_unit_head_is_imported_or_refused_whole(browser_for, hanna, carl, client_a,
                                                                             decision_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)
    head = "Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Antal resor;Belopp\n"
    bad = SimpleUploadedFile("fel.csv", (head + "F-8;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-32;2;"
                                         "500\n").encode())
    response = browser_for(hanna).post(reverse("web:transport"), {"file": bad})
    html = response.content.decode()
    assert response.status_code == 200 and "avvisades" in html and "2025-03-32" in html
    good = SimpleUploadedFile("ok.csv", (head + "F-8;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-03;2;"
                                          "500\n").encode())
    assert browser_for(hanna).post(reverse("web:transport"), {"file": good}).status_code == 302
    invoice = TransportInvoice.objects.get(number="F-8")
    assert invoice.disputed == Decimal(500)  # no order: the whole line
    again = SimpleUploadedFile("ok.csv", (head + "F-8;Norra Färdtjänsten AB;2025-03-31;19870312-1239;2025-03-03;2;"
                                           "500\n").encode())
    assert browser_for(carl).post(reverse("web:transport"), {"file": again}).status_code == 403


def test_an_order_and_a_closed_day_from_the_web(browser_for, hanna, client_a, decision_a):
    from insatskollen.transport.models import ClosedDay, TransportOrder

    carrier = carrier_get_or_create(name="Norra Färdtjänsten AB", actor=None)[0]
    browser = browser_for(hanna)
    response = browser.post(reverse("web:transport_orders"), {
        "order-client": "19870312-1239", "order-activity_decision": str(decision_a.pk), "order-from_place": "Hem",
        "order-to_place": "Verkstan", "order-carrier": str(carrier.pk), "order-contract": "TR",
        "order-price": "250", "order-trips_per_week": "6", "order-weekdays": ["0", "2", "4"],
        "order-valid_from": "2025-03-01"})
    assert response.status_code == 302
    order = TransportOrder.objects.get()
    assert order.terms.get().weekdays == [0, 2, 4] and order.activity_decision == decision_a
    assert browser.post(reverse("web:transport_orders"), {"closed-day": "2025-06-13",
                                                          "closed-reason": "Studiedag"}).status_code == 302
    assert ClosedDay.objects.get().reason == "Studiedag"
    html = browser.get(reverse("web:transport_orders")).content.decode()
    assert "19870312-1239" in html and "mån, ons, fre" in html


def test_the_orders_page_title_is_only_its_name(browser_for, hanna):
    html = browser_for(hanna).get(reverse("web:transport_orders")).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Resebeställningar" in title and "<" not in title  # no section or form inside the title
    assert html.count('aria-labelledby="closed"') == 1
