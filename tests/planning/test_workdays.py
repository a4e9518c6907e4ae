"""Working days: the year plan's dates leave weekends, Swedish public holidays and the de-facto days off
(midsommarafton, julafton, nyårsafton). Dates picked by hand from the 2026 calendar."""

import datetime as dt

import pytest

from insatskollen.planning.workdays import day_off_reason, is_working_day, next_working_day

D = dt.date


@pytest.mark.parametrize(("planned", "held", "reason"), [
    (D(2026, 1, 1), D(2026, 1, 2), "Nyårsdagen"),                      # a Thursday, held Friday
    (D(2026, 6, 19), D(2026, 6, 22), "Midsommarafton"),                # a Friday, a de-facto day off
    (D(2026, 6, 20), D(2026, 6, 22), "lördag, Midsommardagen"),
    (D(2026, 4, 2), D(2026, 4, 2), ""),                                # skärtorsdagen: half day, still worked
    (D(2026, 4, 3), D(2026, 4, 7), "Långfredagen"),                    # Easter: Fri, Sat, Sun, Mon off
    (D(2026, 4, 5), D(2026, 4, 7), "söndag, Påskdagen"),
    (D(2026, 4, 6), D(2026, 4, 7), "Annandag påsk"),
    (D(2026, 12, 24), D(2026, 12, 28), "Julafton"),                    # Thu 24, Fri 25, Sat 26, Sun 27
    (D(2026, 12, 31), D(2027, 1, 4), "Nyårsafton"),                    # Thu 31, Fri 1 Jan, weekend
    (D(2026, 3, 7), D(2026, 3, 9), "lördag"),                          # an ordinary Saturday
    (D(2026, 3, 8), D(2026, 3, 9), "söndag"),                          # an ordinary Sunday
    (D(2026, 3, 10), D(2026, 3, 10), ""),                              # an ordinary Tuesday
])
def test_next_working_day_and_why(planned, held, reason):
    result = next_working_day(planned)
    assert (result.day, result.reason, result.moved) == (held, reason, held != planned)


def test_every_working_day_of_2026_counted_by_hand():
    # 261 weekdays in 2026, less the weekday holidays: 1 Jan, 6 Jan, Good Friday, Easter Monday, 1 May,
    # Ascension, midsommarafton, julafton, juldagen, nyårsafton (6 June, midsommardagen, 31 Oct, 26 Dec: Saturdays).
    days = [D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert sum(d.weekday() < 5 for d in days) == 261
    assert sum(is_working_day(d) for d in days) == 261 - 10


def test_a_sunday_is_a_day_off_because_it_is_a_sunday():
    assert day_off_reason(D(2026, 1, 4)) == "söndag"
