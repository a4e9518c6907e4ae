"""import_transport_invoice: all or nothing, errors named, an imported invoice refused, lines matched and stored."""

import datetime as dt
import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.transport.models import DisputeStatus, InvoiceLine, TransportInvoice
from insatskollen.transport.selectors import dispute_sums, monthly_totals

A = "19870312-1239"  # client_a
OUTSIDER = "19950704-2464"  # valid, but no client of the unit in these tests


def run(path, *args):
    out = io.StringIO()
    call_command("import_transport_invoice", path, "--json", "--no-progress", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def march_invoice(invoice_file):
    return invoice_file([
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-03;2;500;TR-2025",      # ok
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-04;2;560;TR-2025",      # price +60
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-04;2;560;TR-2025",      # duplicate 560
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-14;2;500;TR-2025",      # closed day 500
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-02-28;2;500;TR-2025",      # outside the order 500
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{OUTSIDER};2025-03-03;2;500;TR-2025",  # unknown client 500
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-04-01;2;600;TR-2025B",     # the new price: ok
        f"F-1001;Norra Färdtjänsten AB;2025-04-30;{A};2025-04-22;2;600;TR-2025B",     # activity ended 600
    ])


def test_an_invoice_is_matched_and_stored_with_hand_computed_sums(transport_order, march_invoice):
    answer = run(march_invoice)
    assert answer["status"] == "imported"
    [summary] = answer["invoices"]
    # invoiced 500+560+560+500+500+500+600+600 = 4 320; accepted 500 + 500 + 600 = 1 600; disputed 2 720
    assert (summary["amount"], summary["accepted"], summary["disputed"]) == (4320.0, 1600.0, 2720.0)
    invoice = TransportInvoice.objects.get(number="F-1001")
    assert invoice.dispute_status == DisputeStatus.OPEN and invoice.trips == 16
    assert invoice.period == dt.date(2025, 3, 1)
    assert dispute_sums(invoice) == {"unknown_client": D(500), "duplicate": D(560),
                                     "outside_period": D(500), "not_running": D(1100), "price": D("60.00")}
    kinds = {line.row: [f["kind"] for f in line.flags] for line in InvoiceLine.objects.all()}
    assert kinds == {2: [], 3: ["price"], 4: ["duplicate"], 5: ["not_running"], 6: ["outside_period"],
                     7: ["unknown_client"], 8: [], 9: ["not_running"]}
    assert AuditEvent.objects.filter(action=AuditAction.TRANSPORT_INVOICE_IMPORTED).count() == 1


def test_the_same_invoice_again_is_refused_and_nothing_is_stored(transport_order, march_invoice):
    run(march_invoice)
    with pytest.raises(SystemExit):
        call_command("import_transport_invoice", march_invoice, "--no-progress", stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert TransportInvoice.objects.count() == 1 and InvoiceLine.objects.count() == 8


def test_a_line_from_an_earlier_invoice_is_a_duplicate(transport_order, invoice_file):
    run(invoice_file([f"F-1;Norra Färdtjänsten AB;2025-03-31;{A};2025-03-03;2;500;TR-2025"], "a.csv"))
    answer = run(invoice_file([f"F-2;Norra Färdtjänsten AB;2025-03-31;{A};2025-03-03;2;500;TR-2025"], "b.csv"))
    assert answer["invoices"][0]["by_kind"] == {"duplicate": 500.0}


def test_unreadable_rows_refuse_the_whole_file_naming_row_column_and_value(transport_order, invoice_file):
    path = invoice_file([
        f"F-9;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-03;2;500;TR-2025",
        "F-9;Norra Färdtjänsten AB;2025-04-30;19870312-1238;2025-03-03;2;500;TR-2025",
        f"F-9;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-32;2;500;TR-2025",
        f"F-9;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-05;1,5;375;TR-2025",
        f"F-9;Norra Färdtjänsten AB;2025-05-02;{A};2025-03-06;2;500;TR-2025",
        f"F-9;Norra Färdtjänsten AB;2025-04-30;{A};2025-03-07;2;-500;TR-2025",
    ])
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_transport_invoice", path, "--json", "--no-progress", stdout=out)
    errors = {(e["row"], e["column"], e["value"]) for e in json.loads(out.getvalue())["errors"]}
    assert errors == {(3, "Personnummer", "19870312-1238"), (4, "Resdatum", "2025-03-32"),
                      (5, "Antal resor", "1,5"), (6, "Fakturadatum", "2025-05-02"), (7, "Belopp", "-500")}
    assert not TransportInvoice.objects.exists()


def test_a_missing_column_refuses_the_file(db, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Belopp\nF;T;2025-01-31;"
                    f"{A};2025-01-02;500\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_transport_invoice", str(path), "--json", "--no-progress", stdout=out)
    assert any(e["column"] == "Antal resor" for e in json.loads(out.getvalue())["errors"])


def test_a_dry_run_stores_nothing(transport_order, march_invoice):
    assert run(march_invoice, "--dry-run")["status"] == "dry-run"
    assert not TransportInvoice.objects.exists()


def test_monthly_totals_show_the_price_jump(transport_order, invoice_file):
    run(invoice_file([f"F-3;Norra Färdtjänsten AB;2025-03-31;{A};2025-03-03;2;500;TR",
                      f"F-3;Norra Färdtjänsten AB;2025-03-31;{A};2025-03-04;2;500;TR"], "m.csv"))
    run(invoice_file([f"F-4;Norra Färdtjänsten AB;2025-04-30;{A};2025-04-01;2;600;TR"], "a.csv"))
    [series] = monthly_totals(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    march, april = series.months
    assert (march.trips, march.amount, march.price_per_trip) == (4, D(1000), D("250.00"))
    assert april.price_per_trip == D("300.00") and april.change == D("0.2") and april.jump


def test_a_new_contract_with_a_higher_price_shows_as_a_jump_for_the_carrier(transport_order, invoice_file):
    run(invoice_file([f"F-5;Norra Färdtjänsten AB;2025-03-31;{A};2025-03-03;2;500;TR-2025"], "m.csv"))
    run(invoice_file([f"F-6;Norra Färdtjänsten AB;2025-04-30;{A};2025-04-01;2;600;TR-2025B"], "a.csv"))
    whole, old, new = monthly_totals(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    assert (whole.contract, old.contract, new.contract) == ("alla avtal", "TR-2025", "TR-2025B")
    assert whole.months[1].jump and whole.months[1].change == D("0.2")  # 300 against 250 a trip
    assert not new.months[1].jump  # a contract alone has no month before
