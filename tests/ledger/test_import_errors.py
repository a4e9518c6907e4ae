"""A ledger or budget file with any invalid row is refused whole: nothing stored, every error named."""

from __future__ import annotations

import pytest

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.ledger.models import BudgetLine, LedgerBatch, LedgerEntry
from insatskollen.ledger.services import budget_import, ledger_import

from .helpers import BUDGET_HEADER, LEDGER_2007, write_file

pytestmark = pytest.mark.django_db

GOOD = "2025-01;4600;6510;1 000;Solgläntan AB;Faktura;V1"
GOOD_BUDGET = "2025;6510;3;1 000 000"


@pytest.mark.parametrize(("row", "column", "value", "message_part"), [
    (GOOD.replace("2025-01", "2025-13"), "Period", "2025-13", "ÅÅÅÅ-MM"),
    (GOOD.replace("2025-01", "januari"), "Period", "januari", "ÅÅÅÅ-MM"),
    (GOOD.replace("2025-01", ""), "Period", "", "måste fyllas i"),
    (GOOD.replace(";4600;", ";;"), "Konto", "", "måste fyllas i"),
    (GOOD.replace(";4600;", ";46AB;"), "Konto", "46AB", "siffror"),
    (GOOD.replace(";1 000;", ";tusen;"), "Belopp", "tusen", "tal"),
    (GOOD.replace(";1 000;", ";1,000,50;"), "Belopp", "1,000,50", "tal"),
    (GOOD.replace(";1 000;", ";;"), "Belopp", "", "måste fyllas i"),
    (GOOD.replace(";6510;", ";65 10 ÄR FÖR LÅNG KOD;"), "Verksamhet", "65 10 ÄR FÖR LÅNG KOD", "högst 20"),
])
def test_each_kind_of_ledger_row_error(tmp_path, row, column, value, message_part):
    result = ledger_import(write_file(tmp_path, GOOD.replace("V1", "V0"), row), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value) for e in result.errors] == [(3, column, value)]
    assert message_part in result.errors[0].message and result.errors[0].message[0].isupper()
    assert not LedgerEntry.objects.exists() and not LedgerBatch.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.LEDGER_IMPORT_REFUSED).count() == 1


@pytest.mark.parametrize(("row", "column", "value", "message_part"), [
    (GOOD_BUDGET.replace(";3;", ";13;"), "Månad", "13", "1 till 12"),
    (GOOD_BUDGET.replace(";3;", ";mars;"), "Månad", "mars", "1 till 12"),
    (GOOD_BUDGET.replace("2025;", "tjugofem;"), "År", "tjugofem", "årtal"),
    (GOOD_BUDGET.replace("2025;", "25;"), "År", "25", "årtal"),
    (GOOD_BUDGET.replace(";1 000 000", ";en miljon"), "Belopp", "en miljon", "tal"),
    ("2025;6510;;2 000 000", "År", "2025", "finns redan på rad 2"),
])
def test_each_kind_of_budget_row_error(tmp_path, row, column, value, message_part):
    path = write_file(tmp_path, GOOD_BUDGET, row, header=BUDGET_HEADER, name="budget.csv")
    result = budget_import(path, actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value) for e in result.errors] == [(3, column, value)]
    assert message_part in result.errors[0].message
    assert not BudgetLine.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.BUDGET_IMPORT_REFUSED).count() == 1


def test_a_missing_required_column_is_named_on_the_header_row(tmp_path):
    result = ledger_import(write_file(tmp_path, "2025-01;1000", header="Period;Belopp"), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column) for e in result.errors] == [(1, "Konto")]
    assert "saknas i rubrikraden" in result.errors[0].message


def test_every_error_of_a_file_is_listed_with_the_columns_as_the_file_wrote_them(tmp_path):
    path = write_file(tmp_path, "2025-01;4600;1", "2025-1;x;", "2025-02;4600;7", header="PERIOD;konto;BELOPP")
    result = ledger_import(path, actor=None)
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (3, "BELOPP", ""), (3, "PERIOD", "2025-1"), (3, "konto", "x")]


def test_a_refused_file_leaves_earlier_periods_untouched(tmp_path):
    ledger_import(LEDGER_2007, actor=None)
    before = list(LedgerEntry.objects.values_list("id", "amount"))
    bad = write_file(tmp_path, "2007-01;4600;;1;;;", "2007-02;4600;;x;;;")
    assert ledger_import(bad, actor=None).status == "refused"
    assert list(LedgerEntry.objects.values_list("id", "amount")) == before


def test_an_unreadable_file_is_refused_with_a_swedish_message(tmp_path):
    path = tmp_path / "huvudbok.xlsx"
    path.write_bytes(b"not a spreadsheet at all")
    result = ledger_import(path, actor=None)
    assert result.status == "refused" and result.errors[0].row == 0
    assert "Excelfil" in result.errors[0].message
