"""The net budget: imported per year (spread evenly to the öre), replaced by a new import, and moved during the
year by supplementary budgets with date and reason — 223.8 → 226.1 MSEK as in the 2007 report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.ledger.models import BudgetKind, BudgetLine
from insatskollen.ledger.selectors import budget_by_month, budget_for_year
from insatskollen.ledger.services import budget_import, budget_supplement_add
from insatskollen.ledger.spreading import spread_evenly

from .helpers import BUDGET_HEADER, write_file, write_xlsx

pytestmark = pytest.mark.django_db


def budget_file(tmp_path, *rows, name="budget.csv"):
    return write_file(tmp_path, *rows, header=BUDGET_HEADER, name=name)


@pytest.mark.parametrize("amount", ["223800000", "1000000.01", "100", "0.11", "-47123456.78"])
def test_a_year_spread_over_months_sums_to_the_year_to_the_ore(amount):
    parts = spread_evenly(Decimal(amount), range(1, 13))
    assert sum(parts.values()) == Decimal(amount)
    assert len({parts[m] for m in range(1, 12)}) == 1
    assert abs(parts[12] - parts[1]) < Decimal("0.12")


def test_a_budget_without_months_is_spread_evenly_with_the_remainder_in_december(tmp_path):
    result = budget_import(budget_file(tmp_path, "2025;;;1 000 000,01", "2025;6510;;120 000"), actor=None)

    assert result.status == "imported", result.errors
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert budget_for_year(2025) == Decimal("1120000.01")
    months = budget_by_month(2025, by_activity=True)
    assert months[("2025-01", "")] == Decimal("83333.33") and months[("2025-12", "")] == Decimal("83333.38")
    assert all(months[(f"2025-{m:02d}", "6510")] == Decimal(10000) for m in range(1, 13))


def test_months_given_in_the_file_are_kept_and_xlsx_is_read(tmp_path):
    path = write_xlsx(tmp_path, ["År", "Verksamhet", "Månad", "Belopp"],
                      [[2025, 6510, 1, 1500000.0], [2025, "6510", 2.0, "1 600 000"]], name="budget.xlsx")
    assert budget_import(path, actor=None).status == "imported"
    assert budget_by_month(2025) == {"2025-01": Decimal(1500000), "2025-02": Decimal(1600000)}


def test_a_new_budget_replaces_the_original_budget_of_its_years_and_keeps_supplementary_budgets(tmp_path):
    budget_import(budget_file(tmp_path, "2024;;;200 000 000", "2025;;;220 000 000"), actor=None)
    budget_supplement_add(year=2025, amount=Decimal(1_200_000), decided_on=dt.date(2025, 7, 1),
                          reason="Tilläggsbudget", actor=None)

    again = budget_import(budget_file(tmp_path, "2025;;;223 800 000", name="ny.csv"), actor=None)

    assert (again.created, again.updated, again.unchanged) == (0, 1, 0)
    assert again.replaced == ["2025"]
    assert budget_for_year(2024) == Decimal(200_000_000)
    assert budget_for_year(2025) == Decimal(225_000_000)
    assert BudgetLine.objects.filter(year=2025, kind=BudgetKind.ORIGINAL).count() == 12


def test_importing_the_same_budget_twice_changes_nothing(tmp_path):
    path = budget_file(tmp_path, "2025;;;223 800 000", "2025;LASS;5;-4 000 000")
    budget_import(path, actor=None)
    ids = sorted(BudgetLine.objects.values_list("id", flat=True))
    again = budget_import(path, actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert sorted(BudgetLine.objects.values_list("id", flat=True)) == ids
    assert AuditEvent.objects.filter(action=AuditAction.BUDGET_IMPORTED).count() == 1


def test_a_supplementary_budget_moves_the_years_budget_from_223_8_to_226_1_msek(tmp_path, hanna):
    budget_import(budget_file(tmp_path, "2007;;;223 800 000"), actor=None)

    lines = budget_supplement_add(year=2007, amount=Decimal(2_300_000), decided_on=dt.date(2007, 9, 18),
                                  reason="Nämndens beslut om tilläggsbudget", actor=hanna)

    assert budget_for_year(2007) == Decimal(226_100_000)
    assert [line.month for line in lines] == [9, 10, 11, 12]  # from the month of the decision to December
    assert sum(line.amount for line in lines) == Decimal(2_300_000)
    assert budget_for_year(2007, as_of=dt.date(2007, 8, 31)) == Decimal(223_800_000)
    event = AuditEvent.objects.get(action=AuditAction.BUDGET_CHANGED)
    assert event.actor == hanna and "Nämndens beslut" in event.summary


def test_a_supplementary_budget_on_one_month_and_activity():
    budget_supplement_add(year=2025, amount=Decimal(-500000), decided_on=dt.date(2025, 3, 2), reason="Sänkning",
                          activity="lass", month=6, actor=None)
    assert budget_by_month(2025, by_activity=True) == {("2025-06", "LASS"): Decimal(-500000)}


@pytest.mark.parametrize(("changes", "field"), [
    ({"reason": " "}, "reason"), ({"amount": Decimal(0)}, "amount"), ({"month": 13}, "month"),
    ({"year": 1890}, "year"), ({"activity": "för lång verksamhetskod, 40 tecken"}, "activity"),
])
def test_a_supplementary_budget_is_checked(changes, field):
    values = {"year": 2025, "amount": Decimal(1000), "decided_on": dt.date(2025, 5, 1), "reason": "Skäl"}
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        budget_supplement_add(actor=None, **values)
    assert field in error.value.message_dict
    assert not BudgetLine.objects.exists()


def test_only_the_unit_head_and_admins_add_supplementary_budgets(carl, alice):
    for person in (carl, alice):
        with pytest.raises(PermissionDenied):
            budget_supplement_add(year=2025, amount=Decimal(1), decided_on=dt.date(2025, 5, 1), reason="x",
                                  actor=person)


def test_the_commands_import_a_budget_and_add_a_supplementary_budget(tmp_path):
    out = io.StringIO()
    call_command("import_budget", str(budget_file(tmp_path, "2007;;;223 800 000")), "--no-progress", stdout=out)
    assert "1 nya" in out.getvalue()
    call_command("add_supplementary_budget", "--year", "2007", "--amount", "2 300 000", "--decided-on",
                 "2007-09-18", "--reason", "Nämndens beslut", stdout=out)
    assert "223\u00a0800\u00a0000\u00a0kr → 226\u00a0100\u00a0000\u00a0kr" in out.getvalue()
