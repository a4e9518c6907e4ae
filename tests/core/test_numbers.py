"""Numbers, dates and months are read the Swedish way and shown the Swedish way."""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.core.numbers import (
    InvalidValue,
    format_number,
    format_percent,
    format_sek,
    parse_date,
    parse_decimal,
    parse_month,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("17 919 990", Decimal(17919990)),
        ("1 234,50", Decimal("1234.50")),
        (f"1{NBSP}234,50", Decimal("1234.50")),
        ("1234.5", Decimal("1234.5")),
        ("0,50", Decimal("0.50")),
        ("-2", Decimal(-2)),
        ("1.234,50", Decimal("1234.50")),
        (3250.0, Decimal("3250.0")),
        (12, Decimal(12)),
    ],
)
def test_amounts_in_every_written_form(raw, expected):
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("12 kr", Decimal(12)), ("3 250 SEK", Decimal(3250)),
                                               ("1 234,50 kr", Decimal("1234.50")), ("3 250:-", Decimal(3250)),
                                               ("−2 kr", Decimal(-2))])
def test_amounts_written_with_kr_or_sek_are_read(raw, expected):
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "", "kr", "12 kronor", "1e5", True])
def test_text_that_is_not_an_amount_is_refused(raw):
    with pytest.raises(InvalidValue):
        parse_decimal(raw)


def test_dates_are_iso_or_real_spreadsheet_dates():
    assert parse_date("2025-06-30") == dt.date(2025, 6, 30)
    assert parse_date(dt.datetime(2025, 6, 30, 0, 0)) == dt.date(2025, 6, 30)
    assert parse_date("2025-06-30 00:00:00") == dt.date(2025, 6, 30)
    with pytest.raises(InvalidValue, match="finns inte"):
        parse_date("2025-13-01")
    with pytest.raises(InvalidValue, match="ÅÅÅÅ-MM-DD"):
        parse_date("30/6/2025")


def test_months_are_yyyy_mm_or_yyyymm():
    assert parse_month("2007-03") == dt.date(2007, 3, 1)
    assert parse_month("200703") == dt.date(2007, 3, 1)
    assert parse_month(200703) == dt.date(2007, 3, 1)
    with pytest.raises(InvalidValue):
        parse_month("2007-13")


def test_swedish_formatting_with_non_breaking_spaces_and_decimal_comma():
    assert format_sek(1234567) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_number(Decimal("1234.5"), 2) == f"1{NBSP}234,50"
    assert format_number(-5293466.24) == f"−5{NBSP}293{NBSP}466"
    assert format_number(0.4) == "0"


def test_a_percentage_shows_one_decimal_only_when_it_is_not_whole():
    assert format_percent(Decimal("10.48")) == f"10,5{NBSP}%"
    assert format_percent(Decimal("84.0")) == f"84{NBSP}%"
    assert format_percent(Decimal("29.96")) == f"30{NBSP}%"
    assert format_percent(Decimal("1234.25")) == f"1{NBSP}234,3{NBSP}%"


@pytest.mark.parametrize("raw", ["2025-06-30", "2025/06/30", "2025.06.30", "20250630", 45838, 45838.0, "45838"])
def test_dates_in_unambiguous_forms_and_as_excel_serials_are_read(raw):
    assert parse_date(raw) == dt.date(2025, 6, 30)


@pytest.mark.parametrize("raw", ["6/30/25", "30/6/2025", "2025-6-30", 2025, 45838.5, "9999"])
def test_dates_whose_order_or_meaning_is_unclear_are_refused(raw):
    with pytest.raises(InvalidValue):
        parse_date(raw)
