"""The exchange file: figures per code and month as hand-computed, the round trip export → import → the same
figures, and the comparison adjusted for level mix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.benchmarking.exchange import render_csv, render_xlsx
from insatskollen.benchmarking.models import DistrictFigure
from insatskollen.benchmarking.selectors import own_month_figures
from insatskollen.benchmarking.services import exchange_import

pytestmark = pytest.mark.django_db

MARCH = dt.date(2025, 3, 31)


def by_key(figures):
    return {(f.month, f.code): f for f in figures}


def test_march_figures_are_the_hand_computed_ones(district):
    f = by_key(own_month_figures(2025, through=MARCH))[("2025-03", "6510")]
    # 4 × 3 000 × 31 + 2 × 2 000 × 31 = 372 000 + 124 000
    assert (f.persons, f.days, f.cost) == (6, 186, Decimal("496000.00"))
    assert f.cost_per_person == Decimal("82666.67")
    assert f.cost_per_day == Decimal("2666.67")
    # Schablon: 4 × 1 095 000 + 2 × 730 000 = 5 840 000 a year, ÷ 12
    assert f.schablon == Decimal("486666.67") and f.allocation == Decimal("486666.67")
    # Private share 372 000 / 496 000 = 75 %; both sides have ≥ 5 persons? No: 4 private persons → withheld.
    assert f.private_share_pct is None
    assert (f.budget, f.transfers, f.budget_total) == (Decimal("1200000.00"), Decimal("120000.00"),
                                                       Decimal("1320000.00"))
    assert f.transfer_reasons == ["Ny gruppbostad"]


def test_three_persons_are_suppressed_with_every_figure_that_reveals_them(district):
    figures = by_key(own_month_figures(2025, through=MARCH))
    march = figures[("2025-03", "6330")]
    assert march.suppressed and march.persons is None and march.cost is None and march.days is None
    assert march.cost_per_person is None and march.budget is None
    january = figures[("2025-01", "6330")]  # nobody yet: zero is shown
    assert (january.persons, january.cost, january.suppressed) == (0, Decimal("0.00"), False)
    text = render_csv("Norrmalm", list(figures.values())).decode("utf-8-sig")
    line = next(row for row in text.splitlines() if row.startswith("1;Norrmalm;2025-03;6330"))
    assert line.split(";")[5:8] == ["<5", "..", ".."]


@pytest.mark.parametrize("render,suffix", [(render_csv, "csv"), (render_xlsx, "xlsx")])
def test_round_trip_gives_the_same_figures(district, tmp_path, render, suffix):
    exported = own_month_figures(2025, through=MARCH)
    path = tmp_path / f"norrmalm.{suffix}"
    path.write_bytes(render("Norrmalm", exported))

    result = exchange_import(path=path, actor=None)

    assert result.status == "imported", result.errors
    assert result.district == "Norrmalm" and result.months == ["2025-01", "2025-02", "2025-03"]
    stored = {(f.month.strftime("%Y-%m"), f.code): f for f in DistrictFigure.objects.filter(district="Norrmalm")}
    assert set(stored) == {(f.month, f.code) for f in exported}
    for f in exported:
        s = stored[(f.month, f.code)]
        assert (s.persons, s.days, s.cost, s.schablon, s.allocation, s.private_share_pct, s.budget, s.transfers) == (
            f.persons, f.days, f.cost, f.schablon, f.allocation, f.private_share_pct, f.budget, f.transfers)
        assert s.transfer_reasons == "; ".join(f.transfer_reasons)
