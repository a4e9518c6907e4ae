"""import_schablon and import_measurement_dates (formats.md §5–6): all rows or none, every error named by row,
column and value; a year and code replaced keep their earlier rates as history."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from insatskollen.allocation.models import AllocationRate, MeasurementDate
from insatskollen.allocation.selectors import current_rates, measurement_days, rate_history, rates_for
from insatskollen.allocation.services import measurement_dates_import, schablon_import
from insatskollen.audit.models import AuditAction, AuditEvent

from .helpers import DATES_HEADER, FIXTURES, SCHABLON_HEADER, write

pytestmark = pytest.mark.django_db


def errors_of(result):
    return [(e.row, e.column, e.value) for e in result.errors]


def test_the_2007_schablon_is_read_with_its_groups_and_yearly_amounts():
    result = schablon_import(FIXTURES / "schablon_2007.csv", actor=None)

    assert (result.status, result.created) == ("imported", 10)
    rates = rates_for(2007)
    assert rates.groups == {"6510": "Boende LSS", "6330": "Daglig verksamhet"}
    assert rates.yearly[("6510", "5")] == Decimal(1_463_000)
    assert rates.yearly[("6330", "5")] == Decimal(557_100)


def test_monthly_and_daily_rates_become_yearly(tmp_path):
    path = write(tmp_path, "s.csv", SCHABLON_HEADER, "2024;6330;;1;8 000;kr/månad", "2024;6510;;1;2 000,50;kr/dygn")
    assert schablon_import(path, actor=None).status == "imported"
    rates = rates_for(2024)
    assert rates.yearly[("6330", "1")] == Decimal(96_000)  # 8 000 × 12
    assert rates.yearly[("6510", "1")] == Decimal("732183.00")  # 2 000,50 × 366 (2024 is a leap year)
    assert rates.groups["6330"] == "6330"  # no Grupp: the code


@pytest.mark.parametrize(("row", "column", "value"), [
    ("2018;6510;Boende LSS;1;700000;kr/vecka", "Enhet", "kr/vecka"),
    ("2018;6510;Boende LSS;1;-700000;kr/år", "Belopp", "-700000"),
])
def test_an_unknown_unit_or_a_negative_amount_refuses_the_file_and_stores_nothing(tmp_path, row, column, value):
    path = write(tmp_path, "s.csv", SCHABLON_HEADER, "2018;6510;Boende LSS;2;900000;kr/år", row)

    result = schablon_import(path, actor=None)

    assert result.status == "refused"
    assert errors_of(result) == [(3, column, value)]
    assert AllocationRate.objects.count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.ALLOCATION_IMPORT_REFUSED).count() == 1


def test_the_command_names_row_column_and_value_in_swedish(tmp_path):
    path = write(tmp_path, "s.csv", SCHABLON_HEADER, "2018;6510;Boende LSS;1;700000;kr/vecka")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_schablon", str(path), "--no-progress", stderr=err)
    assert "rad 2, kolumn 'Enhet', värde 'kr/vecka'" in err.getvalue()
    assert "Inget sparades" in err.getvalue()


def test_two_rates_for_the_same_year_code_and_level_are_refused(tmp_path):
    path = write(tmp_path, "s.csv", SCHABLON_HEADER, "2018;6510;Boende LSS;1;700000;kr/år",
                 "2018;6510;Boende LSS;1;750000;kr/år")

    result = schablon_import(path, actor=None)

    assert result.status == "refused" and errors_of(result) == [(3, "Nivå", "1")]
    assert "rad 2" in result.errors[0].message
    assert AllocationRate.objects.count() == 0


def test_a_year_and_code_imported_again_replace_their_rates_and_keep_the_history(tmp_path):
    schablon_import(FIXTURES / "schablon_2018.csv", actor=None)
    again = schablon_import(FIXTURES / "schablon_2018.csv", actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)

    path = write(tmp_path, "s.csv", SCHABLON_HEADER, "2018;6510;Boende LSS;1;720000;kr/år")
    result = schablon_import(path, actor=None)

    assert (result.status, result.updated, result.replaced) == ("imported", 1, ["2018 6510"])
    assert list(current_rates(2018).values_list("level", "amount")) == [("1", Decimal(720_000))]
    assert rate_history(2018).count() == 5


def test_measurement_dates_replace_the_years_in_the_file_and_default_without_any(tmp_path):
    assert [(d.date, d.six_month_rule) for d in measurement_days(2019)] == [
        (dt.date(2019, 3, 31), True), (dt.date(2019, 9, 30), True)]

    result = measurement_dates_import(FIXTURES / "mattillfallen_2007.csv", actor=None)

    assert result.status == "imported"
    assert [(d.date, d.six_month_rule) for d in measurement_days(2007)] == [
        (dt.date(2007, 3, 31), False), (dt.date(2007, 8, 31), False)]
    path = write(tmp_path, "m.csv", DATES_HEADER, "2007;2007-04-30;ja")
    measurement_dates_import(path, actor=None)
    assert [d.date for d in measurement_days(2007)] == [dt.date(2007, 4, 30)]


def test_a_measurement_date_outside_its_year_is_refused(tmp_path):
    path = write(tmp_path, "m.csv", DATES_HEADER, "2018;2018-03-31;ja", "2018;2019-03-31;ja")

    result = measurement_dates_import(path, actor=None)

    assert result.status == "refused" and errors_of(result) == [(3, "Datum", "2019-03-31")]
    assert "inte i år 2018" in result.errors[0].message
    assert MeasurementDate.objects.count() == 0


def test_a_caseworker_may_not_import_rates(alice):
    with pytest.raises(PermissionDenied):
        schablon_import(FIXTURES / "schablon_2018.csv", actor=alice)


def test_the_json_answer_of_import_measurement_dates():
    out = io.StringIO()
    call_command("import_measurement_dates", str(FIXTURES / "mattillfallen_2018.csv"), "--json", "--no-progress",
                 stdout=out)
    answer = json.loads(out.getvalue())
    assert (answer["status"], answer["created"], answer["years"]) == ("imported", 2, [2018])
