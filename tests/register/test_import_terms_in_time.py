"""The register import reads `Gäller från` and `--as-of` as formats.md §1 says, refuses dates that cannot apply,
treats changes of closed months as corrections, and runs one import at a time."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connections

from insatskollen.costing.selectors import year_summary
from insatskollen.ledger.closing import month_close
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision, DecisionTerm, DecisionVersion
from insatskollen.register.services import start_of_day

from .helpers import FIXTURES, write_csv

HEADER = ("Beslut-id;Personnummer;Handläggare;Insatskod;Insats;Lag;Omfattning;Enhet;Pris;Utförare;Utförartyp;"
          "Beslutsdatum;Startdatum;Slutdatum;Gäller från")
ROW = "G-1;198703121239;anna.l;6510;Gruppbostad;LSS;1;dygn;{price};Solgläntan AB;privat;2024-01-10;2024-02-01;{end};{since}"


def row(price="3 250", end="", since="") -> str:
    return ROW.format(price=price, end=end, since=since)


def imported(tmp_path, *rows, name="r.csv", **options):
    return register_import(write_csv(tmp_path, *rows, header=HEADER, name=name), actor=None, **options)


@pytest.mark.django_db
def test_a_changed_row_applies_from_its_galler_fran(tmp_path):
    assert imported(tmp_path, row(), as_of=dt.date(2024, 3, 1)).status == "imported"
    result = imported(tmp_path, row(price="3 400", since="2024-07-01"), name="v2.csv", as_of=dt.date(2024, 5, 2))
    assert (result.status, result.updated) == ("imported", 1)
    assert result.changes[0]["valid_from"] == "2024-07-01"
    months = year_summary(None, 2024).months
    assert months["2024-06"].cost == Decimal(30 * 3250) and months["2024-07"].cost == Decimal(31 * 3400)
    version = Decision.objects.get(external_id="G-1").versions.get(number=2)
    assert version.known_at == start_of_day(dt.date(2024, 5, 2))


@pytest.mark.django_db
def test_reimporting_a_row_with_its_galler_fran_changes_nothing(tmp_path):
    imported(tmp_path, row(), as_of=dt.date(2024, 3, 1))
    imported(tmp_path, row(price="3 400", since="2024-07-01"), name="v2.csv", as_of=dt.date(2024, 5, 2))
    again = imported(tmp_path, row(price="3 400", since="2024-07-01"), name="v3.csv")
    assert (again.updated, again.unchanged) == (0, 1)
    assert DecisionVersion.objects.count() == 2


@pytest.mark.parametrize(("since", "words"), [("2024-01-15", "före startdatum"), ("2025-01-01", "efter slutdatum")])
@pytest.mark.django_db
def test_a_galler_fran_outside_the_period_is_a_row_error(tmp_path, since, words):
    result = imported(tmp_path, row(end="2024-12-31", since=since))
    assert result.status == "refused"
    error = result.errors[0]
    assert (error.row, error.column, error.value) == (2, "Gäller från", since) and words in error.message
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_changed_term_of_a_decision_ended_before_the_as_of_date_needs_its_date(tmp_path):
    imported(tmp_path, row(end="2024-12-31"), as_of=dt.date(2024, 3, 1))
    result = imported(tmp_path, row(price="3 400", end="2024-12-31"), name="v2.csv")
    assert result.status == "refused"
    assert result.errors[0].column == "Gäller från" and "Ange från vilket datum" in result.errors[0].message
    assert DecisionVersion.objects.count() == 1


@pytest.mark.django_db
def test_an_as_of_date_in_the_future_is_refused(tmp_path):
    result = imported(tmp_path, row(), as_of=dt.date.today() + dt.timedelta(days=2))
    assert result.status == "refused" and "framtiden" in result.errors[0].message


@pytest.fixture
def april_closed(db):
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    LedgerEntry.objects.create(batch=batch, period=dt.date(2024, 4, 1), account="4600", amount=Decimal(1))
    month_close(month=dt.date(2024, 4, 1), actor=None, closed_at=start_of_day(dt.date(2024, 5, 6)))


@pytest.mark.django_db
def test_an_import_that_changes_a_closed_month_is_a_correction_and_a_user_must_give_the_reason(
        tmp_path, april_closed, hanna):
    imported(tmp_path, row(), as_of=dt.date(2024, 5, 10))
    path = write_csv(tmp_path, row(price="3 400", since="2024-04-01"), header=HEADER, name="fix.csv")
    refused = register_import(path, actor=hanna)
    assert refused.status == "refused" and "stängda månader" in refused.errors[0].message
    done = register_import(path, actor=hanna, correction_reason="Avtalets pris från april")
    assert (done.status, done.corrections) == ("imported", 1) and done.changes[0]["correction"]
    version = Decision.objects.get(external_id="G-1").versions.get(number=2)
    assert version.is_correction and version.note == "Avtalets pris från april"


@pytest.mark.django_db
def test_an_import_cannot_be_known_before_the_latest_closing(tmp_path, april_closed):
    result = imported(tmp_path, row(), as_of=dt.date(2024, 5, 1))
    assert result.status == "refused" and "--as-of" in result.errors[0].column


@pytest.mark.django_db
def test_the_command_takes_as_of_and_prints_the_date_of_each_change(tmp_path, capsys):
    first = write_csv(tmp_path, row(), header=HEADER)
    call_command("import_register", str(first), "--as-of", "2024-03-01", "--no-progress")
    second = write_csv(tmp_path, row(price="3 400"), header=HEADER, name="v2.csv")
    call_command("import_register", str(second), "--as-of", "2024-05-02", "--no-progress")
    assert "pris 3250 → 3400 från 2024-05-02" in capsys.readouterr().out
    assert Decision.objects.get().versions.get(number=2).valid_from == dt.date(2024, 5, 2)


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_file_at_once_run_one_after_the_other():
    """Two threads, each with its own database connection, import the same register at the same moment: the
    history is written once, no error escapes, and each import says what it did."""
    results, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(register_import(FIXTURES / "register_small.xlsx", actor=None))
        except Exception as error:  # noqa: BLE001 - the test reports any error a thread met
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted((r.status, r.created, r.unchanged) for r in results)
    assert statuses in ([("imported", 0, 17), ("imported", 17, 0)], [("imported", 17, 0), ("refused", 0, 0)])
    assert Decision.objects.count() == 17 and DecisionVersion.objects.count() == 17
    assert DecisionTerm.objects.count() == 17


@pytest.mark.django_db
def test_changing_a_decision_that_has_ended_is_a_correction(tmp_path, hanna):
    imported(tmp_path, row(end="2024-03-31"), as_of=dt.date(2024, 3, 1))
    path = write_csv(tmp_path, row(end="2024-12-31"), header=HEADER, name="reopen.csv")
    refused = register_import(path, actor=hanna)
    assert refused.status == "refused" and "rättelser" in refused.errors[0].message
    done = register_import(path, actor=hanna, correction_reason="Insatsen fortsatte, slutdatum rättat")
    assert done.corrections == 1
    assert Decision.objects.get().versions.get(number=2).is_correction
