"""Key figures as Table 4 of the 2007 report: monthly average of active interventions per code, and the change."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from insatskollen.followup.keyfigures import change_percent, compute_keyfigures
from insatskollen.register.importing.service import register_import

from ..register.helpers import EXPECTED, FIXTURES


@pytest.mark.parametrize(("earlier", "later", "expected"), [
    (95, 128, 34.7),   # hemhjälp, Table 4
    (4, 20, 400.0),    # boendestöd
    (103, 102, -1.0),  # gruppbostad
    (20, 34, 70.0),    # hemhjälp i assistansliknande form
    (0, 5, None),
])
def test_change_in_percent_follows_table_4s_own_arithmetic(earlier, later, expected):
    assert change_percent(earlier, later) == expected


def row(code, start, end=None, client=1):
    return {"code": code, "client_id": client, "start": start, "end": end, "unit": "dygn", "extent": 1,
            "price": 100, "ifo_share_pct": 0, "revenue_per_unit": 0}


def test_average_active_counts_days_active_divided_by_days_in_month():
    rows = [row("6510", dt.date(2024, 1, 1)), row("6510", dt.date(2024, 1, 1), dt.date(2025, 6, 14), client=2)]
    figures = compute_keyfigures(rows, year=2025)["6510"]
    assert figures.average_active["2025-05"] == 2.0
    assert figures.average_active["2025-06"] == pytest.approx((30 + 14) / 30, abs=1e-4)
    assert figures.average_active["2025-07"] == 1.0
    assert figures.clients["2025-06"] == 2 and figures.clients["2025-07"] == 1
    assert figures.cost_per_client("2025-07") == pytest.approx(3100.0)


def test_change_between_two_chosen_months():
    rows = [row("6185", dt.date(2025, 1, 1), client=i) for i in range(4)] + \
           [row("6185", dt.date(2025, 11, 1), client=10 + i) for i in range(16)]
    figures = compute_keyfigures(rows, year=2025, compare=("2025-01", "2025-11"))["6185"]
    assert figures.change_pct == 400.0


@pytest.mark.django_db
def test_keyfigures_of_the_sample_register_match_the_expected_averages():
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    out = io.StringIO()
    call_command("keyfigures", "--year", "2025", "--json", stdout=out)
    got = json.loads(out.getvalue())
    assert got["year"] == 2025
    for code, months in EXPECTED["register_small"]["keyfigures_2025_average_active_per_month"].items():
        for month, value in months.items():
            assert got["codes"][code]["months"][month] == pytest.approx(value, abs=0.001), (code, month)


@pytest.mark.django_db
def test_keyfigures_compare_option_names_the_two_months():
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    out = io.StringIO()
    call_command("keyfigures", "--year", "2025", "--compare", "2025-01", "2025-06", "--json", stdout=out)
    got = json.loads(out.getvalue())
    assert got["codes"]["6510"]["change_pct"] == pytest.approx(-26.7, abs=0.05)
    assert got["codes"]["6160"]["change_pct"] is None
