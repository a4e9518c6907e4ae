"""Demo list prices per year from the public reference files in demo/reference/ (package data). Pure.

Sources (see reference/README.md):
- Försäkringskassan's assistance rate (schablonbelopp), kr per hour by year, from
  `assistans_schablon_per_hour.csv`: e.g. 332.60 kr/h 2024, 342.60 kr/h 2025, 347.70 kr/h 2026.
- Stockholm stad's provider payments per level, kr/dygn (gruppbostad, servicebostad, barnboende) and
  kr/hour (ledsagning/avlösning), 2021–2024, by regi, from `stockholm_lss_utforarersattning_2021_2024.csv`:
  e.g. gruppbostad 2024 kommunal regi level 1–7 = 1 493–5 119 kr/dygn.

The yearly price index (used for years a table lacks, and for the assumed prices of catalogue.py, which are
given in 2024 kronor): Stockholm's published uppräkning for 2021–2024 (+2.7 %, +2.7 %, +1.1 %, +3.7 %, the
comment line of the Stockholm file); outside those years the change of Försäkringskassan's rate.
"""

from __future__ import annotations

import csv
import functools
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"
FK_FILE = "assistans_schablon_per_hour.csv"
STOCKHOLM_FILE = "stockholm_lss_utforarersattning_2021_2024.csv"
BASE_YEAR = 2024  # the year the assumed prices are written in

# Stockholm's yearly uppräkning of its LSS provider payments (comment line of the Stockholm file).
STOCKHOLM_UPRATING = {2021: 1.027, 2022: 1.027, 2023: 1.011, 2024: 1.037}

# Price column of the Stockholm file per provider kind (ProviderKind values). Private LOV and contracted
# providers get the "privat_regi" payment; another district the municipal one.
STOCKHOLM_COLUMN = {
    "egen regi": "kommunal_regi",
    "annan kommun/SDN": "kommunal_regi",
    "LOV": "privat_regi",
    "privat": "privat_regi",
}


def _rows(file_name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@functools.cache
def fk_rates() -> dict[int, float]:
    """Försäkringskassan's schablonbelopp, kr per hour, by year (assistans_schablon_per_hour.csv)."""
    return {int(r["year"]): float(r["sek_per_hour"]) for r in _rows(FK_FILE)}


@functools.cache
def stockholm_rates() -> dict[tuple[int, str, str], dict[str, float]]:
    """(year, insats, nivå) → {column: kr} from stockholm_lss_utforarersattning_2021_2024.csv."""
    table: dict[tuple[int, str, str], dict[str, float]] = {}
    for r in _rows(STOCKHOLM_FILE):
        table[(int(r["year"]), r["insats"], r["niva"])] = {
            column: float(r[column]) for column in ("kommunal_regi", "entreprenad", "privat_regi")
        }
    return table


def fk_rate_float(year: int) -> float:
    """FK's rate for `year`: the listed figure, else geometric interpolation between listed years, else the
    first listed rate before the table and the last yearly change carried forward after it."""
    rates = fk_rates()
    if year in rates:
        return rates[year]
    years = sorted(rates)
    if year < years[0]:
        return rates[years[0]]
    if year > years[-1]:
        last, previous = years[-1], years[-2]
        yearly = (rates[last] / rates[previous]) ** (1 / (last - previous))
        return rates[last] * yearly ** (year - last)
    below = max(y for y in years if y < year)
    above = min(y for y in years if y > year)
    share = (year - below) / (above - below)
    return rates[below] * (rates[above] / rates[below]) ** share


def fk_rate(year: int) -> Decimal:
    """FK's assistance rate in kr per hour, to 10 öre as FK publishes it."""
    return (Decimal(str(fk_rate_float(year))) * 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 10


@functools.cache
def price_index(year: int) -> float:
    """The price level of `year` relative to 2024 (= 1.0)."""
    first, last = min(STOCKHOLM_UPRATING), max(STOCKHOLM_UPRATING)
    if year > last:
        return fk_rate_float(year) / fk_rate_float(last)
    if year >= first - 1:
        return 1.0 / math.prod(STOCKHOLM_UPRATING[y] for y in range(year + 1, last + 1))
    return price_index(first - 1) * fk_rate_float(year) / fk_rate_float(first - 1)


def stockholm_rate(insats: str, niva: str, year: int, provider_kind: str) -> float:
    """Stockholm's payment for `insats` at `niva`: the listed figure of `year`, or the nearest listed year's
    figure moved by the price index."""
    column = STOCKHOLM_COLUMN[provider_kind]
    table = stockholm_rates()
    if (year, insats, niva) in table:
        return table[(year, insats, niva)][column]
    listed = sorted(y for (y, i, n) in table if i == insats and n == niva)
    if not listed:
        raise KeyError(f"No Stockholm rate for {insats} {niva}")
    nearest = min(listed, key=lambda y: (abs(y - year), -y))
    return table[(nearest, insats, niva)][column] * price_index(year) / price_index(nearest)


def indexed(amount_2024: float, year: int) -> float:
    """An amount given in 2024 kronor, at the price level of `year`."""
    return amount_2024 * price_index(year)


def kronor(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def ore(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
