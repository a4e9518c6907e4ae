"""The count on each measurement date with the six-month rule: a raised level is counted at the level six months
before the date, a new placement at its own level, an ended one not at all. Every figure is worked by hand from
the rates 700 000 / 900 000 / 1 150 000 / 1 500 000 kr/år (levels 1–4) and two dates, 31 March and 30 September
2018."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from insatskollen.allocation.selectors import allocation_for

from .helpers import FIXTURES, RATE, import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date
MARCH, SEPTEMBER = D(2018, 3, 31), D(2018, 9, 30)


def levels_counted(result):
    """{date: {client id: counted level}}"""
    return {d.date: {c.person: c.level for c in d.counted} for d in result.dates}


def test_a_level_raised_in_june_is_still_paid_at_the_old_level_in_september(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    person = residents[0]
    placement(make_decision, person, level="2", start=D(2016, 1, 1), changes=[(D(2018, 6, 1), "4", D(2018, 5, 20))])

    result = allocation_for(2018, D(2018, 12, 31))

    assert levels_counted(result) == {MARCH: {person.pk: "2"}, SEPTEMBER: {person.pk: "2"}}
    assert result.dates[1].counted[0].six_month_rule_applied
    # (900 000 + 900 000) / 2, not (900 000 + 1 500 000) / 2
    assert result.groups["Boende LSS"].allocation == Decimal("900000.00")


def test_a_level_raised_in_january_counts_old_in_march_and_new_in_september(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    person = residents[1]
    placement(make_decision, person, level="1", start=D(2017, 9, 1), changes=[(D(2018, 1, 1), "3", D(2017, 12, 22))])

    result = allocation_for(2018, D(2018, 12, 31))

    assert levels_counted(result) == {MARCH: {person.pk: "1"}, SEPTEMBER: {person.pk: "3"}}
    assert result.total.allocation == Decimal(RATE["1"] + RATE["3"]) / 2 == Decimal(925000)


def test_without_the_rule_the_raised_level_counts_at_once(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018, six_month_rule="nej")
    person = residents[0]
    placement(make_decision, person, level="2", start=D(2016, 1, 1), changes=[(D(2018, 6, 1), "4", D(2018, 5, 20))])

    result = allocation_for(2018, D(2018, 12, 31))

    assert levels_counted(result)[SEPTEMBER] == {person.pk: "4"}
    assert result.total.allocation == Decimal("1200000.00")  # (900 000 + 1 500 000) / 2


def test_a_lowered_level_counts_at_the_new_level(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    person = residents[0]
    placement(make_decision, person, level="4", start=D(2016, 1, 1), changes=[(D(2018, 6, 1), "2", D(2018, 5, 20))])

    assert levels_counted(allocation_for(2018, D(2018, 12, 31)))[SEPTEMBER] == {person.pk: "2"}


def test_a_new_placement_counts_at_its_level_and_an_ended_one_not_at_all(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    new, ended = residents[3], residents[4]
    placement(make_decision, new, level="3", start=D(2018, 4, 1), price=3800)
    placement(make_decision, ended, level="4", start=D(2014, 2, 1), end=D(2018, 5, 31), price=4400)

    result = allocation_for(2018, D(2018, 12, 31))

    assert levels_counted(result) == {MARCH: {ended.pk: "4"}, SEPTEMBER: {new.pk: "3"}}
    persons = {p.person: p for p in result.persons}
    assert persons[new.pk].allocation == Decimal("575000.00")  # 1 150 000 on one date of two
    assert persons[ended.pk].allocation == Decimal("750000.00")  # 1 500 000 on one date of two
    # Cost: 3 800 kr/dygn for 1 April–31 December (275 days); 4 400 kr/dygn for 1 January–31 May (151 days).
    assert persons[new.pk].cost == Decimal(3800 * 275)
    assert persons[ended.pk].cost == Decimal(4400 * 151)
    assert persons[ended.pk].difference == Decimal(4400 * 151 - 750_000)
    # Largest gap first: 4 400 × 151 − 750 000 = −85 600 is smaller than 3 800 × 275 − 575 000 = 470 000.
    assert [p.person for p in result.persons] == [new.pk, ended.pk]


def test_the_2018_sample_counts_as_the_review_describes(tmp_path):
    """The five residents of the sample (stable; raised in June; raised in January; new in April; ended in May):
    5 counted persons on each date as below, and (700 000 + 2 × 900 000 + 1 500 000 + 2 × 900 000 + 2 × 1 150 000)
    / 2 = 4 050 000."""
    call_command("import_register", str(FIXTURES / "register_allocation_2018.csv"), "--as-of", "2018-01-01",
                 "--no-progress", stdout=io.StringIO())
    call_command("import_schablon", str(FIXTURES / "schablon_2018.csv"), "--no-progress",
                 stdout=io.StringIO())
    call_command("import_measurement_dates", str(FIXTURES / "mattillfallen_2018.csv"), "--no-progress",
                 stdout=io.StringIO())

    result = allocation_for(2018, D(2018, 12, 31))

    assert [d.counts() for d in result.dates] == [
        [("6510", "1", 1), ("6510", "2", 2), ("6510", "4", 1)],
        [("6510", "2", 2), ("6510", "3", 2)],
    ]
    assert result.groups["Boende LSS"].allocation == Decimal("4050000.00")
