"""Synthetic personnummer and samordningsnummer for demo clients. Pure.

The numbers are made up: a birth date, a random birth number and the Luhn check digit. They are valid
in form only and may by chance equal a real person's number, so the demo must never be mixed with real data.
"""

from __future__ import annotations

import datetime as dt
import random

from insatskollen.core.identity import luhn_checksum_ok

COORDINATION_SHARE = 0.04  # samordningsnummer: persons not (yet) registered in Sweden


def check_digit(nine_digits: str) -> str:
    return next(d for d in "0123456789" if luhn_checksum_ok(nine_digits + d))


def personal_number(rng: random.Random, birth: dt.date, taken: set[str]) -> str:
    """A new 12-digit personnummer (or, now and then, samordningsnummer: day + 60) for `birth`."""
    day = birth.day + (60 if rng.random() < COORDINATION_SHARE else 0)
    while True:
        serial = f"{rng.randint(1, 999):03d}"
        nine = f"{birth.year % 100:02d}{birth.month:02d}{day:02d}{serial}"
        digits = f"{birth.year // 100:02d}{nine}{check_digit(nine)}"
        if digits not in taken:
            taken.add(digits)
            return digits
