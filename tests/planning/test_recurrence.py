"""Expanding a planned event's recurrence into dates (pure)."""

import datetime as dt

import pytest

from insatskollen.planning.recurrence import occurrences

D = dt.date


def test_one_off_event_appears_only_inside_the_range():
    assert occurrences(D(2025, 5, 12), "none", D(2025, 1, 1), D(2025, 12, 31)) == [D(2025, 5, 12)]
    assert occurrences(D(2025, 5, 12), "none", D(2025, 6, 1), D(2025, 12, 31)) == []


def test_monthly_on_the_31st_moves_to_the_last_day_of_shorter_months():
    found = occurrences(D(2024, 1, 31), "monthly", D(2024, 1, 1), D(2024, 6, 30))
    assert found == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31),
                     D(2024, 6, 30)]
    assert occurrences(D(2025, 1, 31), "monthly", D(2025, 2, 1), D(2025, 2, 28)) == [D(2025, 2, 28)]


def test_yearly_keeps_the_date_and_29_february_becomes_28_in_common_years():
    assert occurrences(D(2023, 3, 31), "yearly", D(2024, 1, 1), D(2026, 12, 31)) == [
        D(2024, 3, 31), D(2025, 3, 31), D(2026, 3, 31)]
    assert occurrences(D(2024, 2, 29), "yearly", D(2024, 1, 1), D(2028, 12, 31)) == [
        D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]


def test_weekly_keeps_the_weekday_across_the_spring_daylight_saving_change():
    # Sweden moved the clocks forward on Sunday 30 March 2025.
    found = occurrences(D(2025, 3, 18), "weekly", D(2025, 3, 20), D(2025, 4, 10))
    assert found == [D(2025, 3, 25), D(2025, 4, 1), D(2025, 4, 8)]
    assert {day.weekday() for day in found} == {1}  # Tuesdays


def test_weekly_over_many_years_starts_at_the_range_without_walking_from_the_first_date():
    found = occurrences(D(2000, 1, 4), "weekly", D(2025, 1, 1), D(2025, 1, 31))
    assert found == [D(2025, 1, 7), D(2025, 1, 14), D(2025, 1, 21), D(2025, 1, 28)]


def test_specific_months_only_and_never_before_the_first_date():
    # Measurement dates: the last day of March and of September.
    found = occurrences(D(2025, 3, 31), "months", D(2025, 1, 1), D(2026, 12, 31), months=[9, 3])
    assert found == [D(2025, 3, 31), D(2025, 9, 30), D(2026, 3, 31), D(2026, 9, 30)]
    assert occurrences(D(2025, 6, 15), "months", D(2025, 1, 1), D(2025, 12, 31), months=[3, 9]) == [D(2025, 9, 15)]


def test_until_ends_the_series():
    found = occurrences(D(2025, 1, 15), "monthly", D(2025, 1, 1), D(2025, 12, 31), until=D(2025, 3, 15))
    assert found == [D(2025, 1, 15), D(2025, 2, 15), D(2025, 3, 15)]
    assert occurrences(D(2025, 1, 6), "weekly", D(2025, 1, 1), D(2025, 12, 31), until=D(2025, 1, 12)) == [
        D(2025, 1, 6)]


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        occurrences(D(2025, 1, 1), "daily", D(2025, 1, 1), D(2025, 1, 31))
