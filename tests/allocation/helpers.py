"""The 2018 rates and dates written as files and imported through the real services, and a helper that makes a
housing decision with its level changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from insatskollen.allocation.services import measurement_dates_import, schablon_import
from insatskollen.register.models import ChangeSource
from insatskollen.register.services import decision_change, start_of_day

FIXTURES = Path(__file__).parent.parent / "fixtures"
SCHABLON_HEADER = "År;Insatskod;Grupp;Nivå;Belopp;Enhet"
DATES_HEADER = "År;Datum;Sexmånadersregel"
# The rates of schablon_2018.csv, in kr/år, written out here so every expected figure below is worked by hand.
RATE = {"1": 700_000, "2": 900_000, "3": 1_150_000, "4": 1_500_000}


def write(tmp_path: Path, name: str, header: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def import_rates(tmp_path: Path, year: int, six_month_rule: str = "ja") -> None:
    rows = [f"{year};6510;Boende LSS;{level};{amount};kr/år" for level, amount in RATE.items()]
    assert schablon_import(write(tmp_path, f"schablon_{year}.csv", SCHABLON_HEADER, *rows), actor=None
                           ).status == "imported"
    dates = [f"{year};{year}-03-31;{six_month_rule}", f"{year};{year}-09-30;{six_month_rule}"]
    assert measurement_dates_import(write(tmp_path, f"dates_{year}.csv", DATES_HEADER, *dates), actor=None
                                    ).status == "imported"


def placement(make_decision, client, *, level: str, start: dt.date, end: dt.date | None = None,
              price: int = 3000, changes: tuple = (), decided: dt.date | None = None, **extra):
    """A housing decision (kr/dygn) at `level` from `start`; `changes` are (valid_from, new level, known on)."""
    decided = decided or start - dt.timedelta(days=10)
    decision = make_decision(client, level=level, start_date=start, end_date=end, decision_date=decided,
                             price=Decimal(price), **extra)
    for valid_from, new_level, known_on in changes:
        decision_change(decision=decision, actor=None, source=ChangeSource.COMMAND, known_at=start_of_day(known_on),
                        valid_from=valid_from, level=new_level)
    return decision
