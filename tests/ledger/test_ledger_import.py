"""Importing ledger actuals: the 2007 sample, re-delivered periods, Swedish number formats, xlsx and cp1252."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.ledger.services import ledger_import
from insatskollen.register.importing.service import register_import

from .helpers import FIXTURES, LEDGER_2007, write_file, write_xlsx

pytestmark = pytest.mark.django_db

MARCH = "2025-03;4600;6510;125 000,50;Solgläntan AB;Faktura mars;V1"
MARCH_FK = "2025-03;3320;LASS;-80 000;Försäkringskassan;Assistansersättning;V2"
APRIL = "2025-04;4600;6510;126 000;Solgläntan AB;Faktura april;V3"


def test_the_2007_sample_imports_twelve_periods_of_one_row_each():
    result = ledger_import(LEDGER_2007, actor=None)

    assert result.status == "imported", result.errors
    assert (result.created, result.updated, result.unchanged) == (12, 0, 0)
    assert result.periods == [f"2007-{m:02d}" for m in range(1, 13)]
    assert LedgerEntry.objects.count() == 12
    assert LedgerEntry.objects.filter(activity="").count() == 12
    january = LedgerEntry.objects.get(period=dt.date(2007, 1, 1))
    assert (january.account, january.amount, january.row) == ("4600", Decimal(17919990), 2)
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == Decimal(216911193)
    assert AuditEvent.objects.filter(action=AuditAction.LEDGER_IMPORTED).count() == 1


def test_importing_the_same_file_again_changes_nothing():
    ledger_import(LEDGER_2007, actor=None)
    ids = sorted(LedgerEntry.objects.values_list("id", flat=True))

    again = ledger_import(LEDGER_2007, actor=None)

    assert again.status == "imported"
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)
    assert sorted(LedgerEntry.objects.values_list("id", flat=True)) == ids
    assert LedgerBatch.objects.count() == 1


def test_a_redelivered_month_replaces_only_that_month(tmp_path):
    ledger_import(write_file(tmp_path, MARCH, MARCH_FK, APRIL, name="q1.csv"), actor=None)
    april_ids = list(LedgerEntry.objects.filter(period=dt.date(2025, 4, 1)).values_list("id", flat=True))
    corrected = write_file(tmp_path, MARCH.replace("125 000,50", "130 000"), MARCH_FK,
                           "2025-03;4600;6510;5 000;Solgläntan AB;Kreditfaktura;V9", name="mars.csv")

    preview = ledger_import(corrected, actor=None, dry_run=True)
    assert (preview.status, preview.created, preview.updated, preview.unchanged) == ("dry-run", 0, 3, 0)
    assert preview.replaced == ["2025-03"]
    assert LedgerEntry.objects.filter(period=dt.date(2025, 3, 1)).count() == 2  # a dry run writes nothing

    result = ledger_import(corrected, actor=None)
    march = LedgerEntry.objects.filter(period=dt.date(2025, 3, 1))
    assert (result.created, result.updated, result.unchanged) == (0, 3, 0)
    assert march.count() == 3
    assert sum(march.values_list("amount", flat=True)) == Decimal(55000)
    assert list(LedgerEntry.objects.filter(period=dt.date(2025, 4, 1)).values_list("id", flat=True)) == april_ids
    assert result.changes == [{"period": "2025-03", "rows_before": 2, "rows_after": 3,
                               "amount_before": 45000.5, "amount_after": 55000.0}]


def test_rows_in_another_order_are_the_same_delivery(tmp_path):
    ledger_import(write_file(tmp_path, MARCH, MARCH_FK), actor=None)
    result = ledger_import(write_file(tmp_path, MARCH_FK, MARCH, name="again.csv"), actor=None)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


@pytest.mark.parametrize(("written", "amount"), [
    ("17 919 990", "17919990"), ("1 234,50", "1234.50"), ("1\u00a0234,50", "1234.50"), ("-2 500,25", "-2500.25"),
    ("1234.5", "1234.50"), ("12345", "12345"),
])
def test_swedish_number_formats(tmp_path, written, amount):
    path = write_file(tmp_path, f'2025-01;4600;6510;"{written}";;;', header="Period;Konto;Verksamhet;Belopp;A;B;C")
    result = ledger_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert LedgerEntry.objects.get().amount == Decimal(amount)
    assert result.ignored_columns == ["A", "B", "C"]


def test_period_written_yyyymm_and_headers_without_diacritics(tmp_path):
    path = write_file(tmp_path, "202502,4600,6510,100,,", header="period,KONTO,Verksamhet,belopp,motpart,text")
    assert ledger_import(path, actor=None).status == "imported"
    assert LedgerEntry.objects.get().period == dt.date(2025, 2, 1)


def test_windows_1252_csv(tmp_path):
    path = write_file(tmp_path, "2025-01;4600;6510;100;Björkhagen Vård AB;Hemtjänst för Åsa;V1", encoding="cp1252")
    assert ledger_import(path, actor=None).status == "imported"
    entry = LedgerEntry.objects.get()
    assert (entry.counterpart, entry.text) == ("Björkhagen Vård AB", "Hemtjänst för Åsa")


def test_xlsx_with_real_numbers_and_dates(tmp_path):
    path = write_xlsx(tmp_path, ["Period", "Konto", "Verksamhet", "Belopp", "Motpart"], [
        [dt.datetime(2025, 1, 1), 4600, 6510, 17919990.0, "Solgläntan AB"],
        ["2025-02", "3320", "LASS", -1234.5, "Försäkringskassan"],
        [None, None, None, None, None],
    ])
    result = ledger_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert result.created == 2
    rows = list(LedgerEntry.objects.order_by("period").values_list("period", "account", "activity", "amount"))
    assert rows == [(dt.date(2025, 1, 1), "4600", "6510", Decimal(17919990)),
                    (dt.date(2025, 2, 1), "3320", "LASS", Decimal("-1234.50"))]


def test_preview_totals_split_cost_and_revenue(tmp_path):
    result = ledger_import(write_file(tmp_path, MARCH, MARCH_FK, APRIL), actor=None, dry_run=True)
    assert result.totals == {"cost": Decimal("251000.50"), "revenue": Decimal(80000), "ignore": Decimal(0)}
    assert result.new == {"periods": ["2025-03", "2025-04"], "activities": ["6510", "LASS"]}


def test_progress_is_reported_while_checking_and_saving(tmp_path):
    phases = []
    ledger_import(write_file(tmp_path, MARCH, APRIL), actor=None,
                  progress=lambda phase, done, total: phases.append((phase, done, total)))
    assert ("Kontrollerar", 2, 2) in phases and ("Sparar", 2, 2) in phases


def command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_import_ledger_command_answers_like_import_register(tmp_path):
    code, out, _ = command("import_ledger", str(LEDGER_2007), "--json", "--no-progress")
    answer = json.loads(out)
    assert code == 0 and answer["status"] == "imported" and answer["created"] == 12
    register_keys = set(register_import(FIXTURES / "register_small.csv", actor=None, dry_run=True).as_dict())
    assert register_keys - {"as_of", "corrections"} <= set(answer)  # the register's own: its date, corrections

    code, out, _ = command("import_ledger", str(LEDGER_2007), "--dry-run", "--no-progress")
    assert code == 0 and "Skulle importera ledger_2007.csv" in out and "0 nya, 0 ersatta, 12 oförändrade" in out

    code, _, err = command("import_ledger", str(write_file(tmp_path, "2025-13;4600;;1;;;")), "--no-progress")
    assert code == 1 and "rad 2, kolumn 'Period', värde '2025-13'" in err
