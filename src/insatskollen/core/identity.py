"""Swedish identity numbers: personnummer, samordningsnummer and organisationsnummer. Pure, no Django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PNR = re.compile(r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$")
_ORGNR = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")


class InvalidIdentity(ValueError):
    """The number cannot be a valid identity number; the message is plain Swedish."""


def luhn_checksum_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of digits, the last digit being the check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class PersonalNumber:
    """A validated personnummer or samordningsnummer, kept as 12 digits (YYYYMMDDNNNN)."""

    digits: str

    @property
    def is_coordination_number(self) -> bool:
        return int(self.digits[6:8]) > 60

    @property
    def birth_date(self) -> dt.date:
        day = int(self.digits[6:8])
        if day > 60:
            day -= 60
        return dt.date(int(self.digits[0:4]), int(self.digits[4:6]), day)

    @property
    def formatted(self) -> str:
        """YYYYMMDD-NNNN, the form shown on the client's own page."""
        return f"{self.digits[:8]}-{self.digits[8:]}"

    @property
    def masked(self) -> str:
        """YYYYMMDD-****, the form shown everywhere but the client's own page."""
        return mask_personal_number(self.digits)

    def __str__(self) -> str:
        return self.formatted


def mask_personal_number(digits: str) -> str:
    digits = re.sub(r"\D", "", digits or "")
    if len(digits) < 8:
        return "********-****"
    return f"{digits[:8]}-****"


def parse_personal_number(raw: str, *, today: dt.date | None = None) -> PersonalNumber:
    """Parse YYYYMMDDNNNN, YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN or YYMMDDNNNN.

    The check digit is verified with the Luhn algorithm over the 10-digit form; the date must exist
    (samordningsnummer: day + 60). For the 10-digit forms the century is the one that makes the person
    at most 99 years old, or 100 or more with '+'.
    """
    text = (raw or "").strip().replace(" ", "")
    match = _PNR.match(text)
    if not match:
        raise InvalidIdentity("Personnumret ska ha formen ÅÅÅÅMMDD-NNNN (12 siffror) eller ÅÅMMDD-NNNN.")
    yy, mm, dd = match["yy"], match["mm"], match["dd"]
    ten = f"{yy}{mm}{dd}{match['serial']}{match['check']}"
    if match["century"]:
        century = int(match["century"])
        if match["sep"] == "+":
            raise InvalidIdentity("Plustecken används bara i den tiosiffriga formen av personnumret.")
    else:
        today = today or dt.date.today()
        year = today.year - (100 if match["sep"] == "+" else 0)
        century = year // 100
        if int(yy) > year % 100:
            century -= 1
    year = century * 100 + int(yy)
    day = int(dd)
    if day > 60:
        day -= 60
    try:
        dt.date(year, int(mm), day)
    except ValueError:
        raise InvalidIdentity("Personnumret innehåller ett datum som inte finns.") from None
    if not luhn_checksum_ok(ten):
        raise InvalidIdentity("Personnumrets kontrollsiffra stämmer inte.")
    return PersonalNumber(f"{century:02d}{ten}")


def is_valid_personal_number(raw: str) -> bool:
    try:
        parse_personal_number(raw)
    except InvalidIdentity:
        return False
    return True


def parse_org_number(raw: str) -> str:
    """Validate an organisationsnummer (NNNNNN-NNNN, optionally with the 16 prefix); return NNNNNN-NNNN.

    Sole traders use their personnummer as organisation number; those pass the same Luhn check.
    """
    text = (raw or "").strip().replace(" ", "")
    match = _ORGNR.match(text)
    if not match:
        raise InvalidIdentity("Organisationsnumret ska ha formen NNNNNN-NNNN.")
    ten = match[1] + match[2]
    if not luhn_checksum_ok(ten):
        raise InvalidIdentity("Organisationsnumrets kontrollsiffra stämmer inte.")
    return f"{match[1]}-{match[2]}"
