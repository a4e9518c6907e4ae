"""Which ledger months count as actual (formats.md §4): a month counts once the as-of date is its last day or later.

As of 4 December, January–November: December's first bookings (an accrual, early invoices) are not "known", the run
rate divides by 11, and an earlier year's forecast "as of 4 December" is scored without December's answer. A month
that has ended with no ledger imported is flagged, never read as zero.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.services import ledger_import

from ..ledger.helpers import write_file

pytestmark = pytest.mark.django_db


def booking(year: int, month: int, amount: int) -> str:
    return f"{year}-{month:02d};4600;6510;{amount};Solgläntan AB;Faktura;V{year}{month:02d}"


@pytest.fixture
def three_years(tmp_path, make_decision, client_a):
    """100 000 kr a month in 2023–2025, and 400 000 in December 2023 and 2024 (a year-end true-up); 2025's December
    has 30 000 kr of early bookings by the 4th."""
    make_decision(client_a, external_id="BES-1", start_date=dt.date(2023, 1, 1))
    rows = [booking(y, m, 400_000 if m == 12 else 100_000) for y in (2023, 2024) for m in range(1, 13)]
    rows += [booking(2025, m, 100_000) for m in range(1, 12)] + [booking(2025, 12, 30_000)]
    ledger_import(write_file(tmp_path, *rows), actor=None)


def test_as_of_4_december_the_actuals_are_january_to_november(three_years):
    result = forecast(2025, dt.date(2025, 12, 4))
    assert result.actual.net == Decimal(1_100_000)  # 11 × 100 000; December's 30 000 is not yet known
    assert result.ledger_months == 11 and result.missing_months == []
    assert result.actual_span == "januari–november 2025"
    # Run rate: 1 100 000 / 11 × 12, not / 12 (which would be 1 100 000, a surplus out of nothing).
    assert result.methods["run_rate"].net == Decimal(1_200_000)
    as_dict = result.as_dict(details=True)
    assert as_dict["actual_to_date"]["net"] == 1_100_000.0 and as_dict["actual_months"] == 11


def test_on_31_december_december_counts(three_years):
    result = forecast(2025, dt.date(2025, 12, 31))
    assert result.actual.net == Decimal(1_130_000) and result.ledger_months == 12
    assert result.methods["run_rate"].net == Decimal(1_130_000)


def test_earlier_years_are_scored_without_their_december(three_years):
    """Evidence as of 4 December 2023 and 2024: run rate then said 1 200 000; the years closed at 1 500 000, so its
    error is 20 %, not the 0,0 % of a forecast that had read December's answer."""
    result = forecast(2025, dt.date(2025, 12, 4))
    assert result.evidence_basis == "Träffsäkerhet per 4 december 2023–2024"
    assert result.evidence["run_rate"] == Decimal("20.00")
    # The seasonal naive repeats 2023's December (the same true-up) for 2024: its zero is earned, not read.
    assert result.evidence["seasonal_naive"] == 0
    assert all(value != 0 for name, value in result.evidence.items()
               if value is not None and name not in ("seasonal_naive", "combined"))
    chosen = result.methods[result.recommended].net
    assert result.interval.high - chosen > Decimal(100_000)


def test_a_missing_month_is_flagged_not_zero(tmp_path, make_decision, client_a):
    make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))  # 3 250 kr a day
    rows = [booking(2025, m, 100_000) for m in (1, 2, 3, 4, 6)]  # May never imported
    ledger_import(write_file(tmp_path, *rows), actor=None)
    result = forecast(2025, dt.date(2025, 6, 30))
    assert result.missing_months == [5] and result.missing_labels == ["2025-05"]
    assert result.actual.net == Decimal(400_000) and result.ledger_months == 4
    assert result.methods["run_rate"].net == Decimal(1_200_000)  # 400 000 / 4 × 12
    # The commitment covers May–December with the register (245 days at 3 250 kr), May included, not as zero.
    assert result.methods["commitment"].net == Decimal(400_000) + Decimal(3250) * 245


def test_the_page_pinned_to_4_december_says_which_months_count(three_years, client, carl, time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 4, 10, 0), tick=False)
    client.force_login(carl)
    page = client.get(reverse("web:forecast")).content.decode()
    assert "januari–november 2025" in page
    assert "1\u00a0100\u00a0000\u00a0kr" in page  # actual to date, whole kronor
    assert "Huvudboken saknar" not in page


def test_the_page_flags_a_month_without_ledger(tmp_path, make_decision, client_a, client, carl, time_machine):
    make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    ledger_import(write_file(tmp_path, *[booking(2025, m, 100_000) for m in (1, 2, 3, 4, 6)]), actor=None)
    time_machine.move_to(dt.datetime(2025, 7, 2, 10, 0), tick=False)
    client.force_login(carl)
    page = client.get(reverse("web:forecast"), {"year": 2025, "as_of": "2025-06-30"}).content.decode()
    assert "Huvudboken saknar bokningar för 2025-05" in page
