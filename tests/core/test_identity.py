"""Personnummer, samordningsnummer and organisationsnummer are validated (date and check digit) and masked."""

import datetime as dt

import pytest

from insatskollen.core.identity import (
    InvalidIdentity,
    mask_personal_number,
    parse_org_number,
    parse_personal_number,
)


@pytest.mark.parametrize(
    "raw",
    ["198703121239", "19870312-1239", "870312-1239", "8703121239", " 19870312-1239 "],
)
def test_every_written_form_of_one_personnummer_gives_the_same_twelve_digits(raw):
    assert parse_personal_number(raw, today=dt.date(2025, 6, 30)).digits == "198703121239"


def test_ten_digit_form_takes_the_century_that_makes_the_person_younger_than_100():
    assert parse_personal_number("090921-3183", today=dt.date(2025, 6, 30)).digits == "200909213183"
    assert parse_personal_number("870312-1239", today=dt.date(2025, 6, 30)).digits == "198703121239"


def test_plus_sign_marks_a_person_of_100_or_more():
    assert parse_personal_number("090921+3183", today=dt.date(2025, 6, 30)).digits == "190909213183"


def test_samordningsnummer_has_day_plus_60_and_is_accepted():
    number = parse_personal_number("196608677347")
    assert number.is_coordination_number
    assert number.birth_date == dt.date(1966, 8, 7)


def test_wrong_check_digit_is_refused_with_a_swedish_message():
    with pytest.raises(InvalidIdentity, match="kontrollsiffra"):
        parse_personal_number("198703121235")


@pytest.mark.parametrize("raw", ["198702301234", "19871301-1239", "196608927347"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(InvalidIdentity, match="datum"):
        parse_personal_number(raw)


@pytest.mark.parametrize("raw", ["", "abc", "1987031212", "19870312-12399"])
def test_malformed_numbers_are_refused(raw):
    with pytest.raises(InvalidIdentity):
        parse_personal_number(raw)


def test_masking_keeps_the_birth_date_and_hides_the_last_four():
    assert mask_personal_number("198703121239") == "19870312-****"
    assert parse_personal_number("198703121239").masked == "19870312-****"
    assert parse_personal_number("198703121239").formatted == "19870312-1239"


def test_org_number_is_luhn_checked():
    assert parse_org_number("5566778899") == "556677-8899"
    assert parse_org_number("16556677-8899") == "556677-8899"
    with pytest.raises(InvalidIdentity, match="kontrollsiffra"):
        parse_org_number("556677-8898")
    with pytest.raises(InvalidIdentity, match="NNNNNN-NNNN"):
        parse_org_number("55667788")
