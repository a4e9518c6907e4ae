"""The commitment forecast with expected change: drift learnt from the register's own history, the ledger's gap.

A crafted unit: ten decisions of 1 000 kr a month each from January 2024; from February 2024, on the 1st of every
month one new decision starts and the oldest one's end (the last day of the month before) is reported. So the
register always holds ten open-ended decisions, and k months after any month end, k of them have been replaced:
new decisions add k/10 of the register's projection and ends take k/10 away, at every horizon k.
"""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.core.months import add_months
from insatskollen.forecasting import expected_change as change
from insatskollen.forecasting.history import VersionHistory
from insatskollen.forecasting.projection import Inputs, project
from insatskollen.forecasting.series import LedgerSeries, month_index

TYPE = 1


def seconds(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def cutoff(day: dt.date) -> int:
    return seconds(day + dt.timedelta(days=1))


def rows_of_a_churning_unit(until: dt.date) -> list[tuple]:
    rows, active, next_id = [], [], 1
    start = dt.date(2024, 1, 1)
    for _ in range(10):
        rows.append((next_id, seconds(start), TYPE, start, None, "månad", 1, 1000, 0, None))
        active.append(next_id)
        next_id += 1
    month = dt.date(2024, 2, 1)
    while month <= until:
        rows.append((next_id, seconds(month), TYPE, month, None, "månad", 1, 1000, 0, None))
        oldest = active.pop(0)
        first_start = next(r[3] for r in rows if r[0] == oldest)
        rows.append((oldest, seconds(month), TYPE, first_start, month - dt.timedelta(days=1), "månad", 1, 1000, 0,
                     None))
        active.append(next_id)
        next_id += 1
        month = add_months(month, 1)
    return rows


def ledger(months: list[dt.date], december_extra: float = 0.0) -> LedgerSeries:
    """2 % over the register's 10 000 kr a month; December `december_extra` more."""
    cost = {month_index(m): 10_000 * 1.02 + (december_extra if m.month == 12 else 0.0) for m in months}
    return LedgerSeries(cost, {m: 0.0 for m in cost})


@pytest.fixture
def inputs():
    months = [add_months(dt.date(2024, 1, 1), i) for i in range(18)]  # January 2024 – June 2025
    return Inputs(VersionHistory.from_versions(rows_of_a_churning_unit(dt.date(2025, 12, 1))), ledger(months, 5_000),
                  cutoff)


def test_new_decisions_and_ends_are_learnt_per_horizon(inputs):
    result = project(inputs, 2025, dt.date(2025, 6, 30))

    # Commitment: the ten known decisions for July–December.
    actual = 6 * 10_000 * 1.02
    assert result.methods["commitment"].cost == Decimal(str(actual + 60_000))
    # What is learnt, before shrinkage: k months after June +k × 1 000 new, −k × 1 000 ended, for k = 1..6.
    ctx = change.context(inputs.history, cutoff, dt.date(2025, 6, 30), 2025)
    drift = change.register_drift(ctx, change.drift_ratios(ctx, spans_year=False), range(2025 * 12 + 6, 2025 * 12 + 12))
    assert round(drift["new_decisions"].cost.sum(), 6) == 1000 * sum(range(1, 7))
    assert round(drift["ends"].cost.sum(), 6) == -1000 * sum(range(1, 7))
    assert drift["changes"].cost.sum() == 0
    # Learnt from 16 month ends (January–November 2024 within 2024, January–May 2025; December 2023 precedes the
    # first recorded end): each drift component keeps 16 / (16 + 12) of its estimate.
    assert change.drift_evidence(ctx) == 16
    assert result.single_snapshot is False


def test_the_expected_change_is_shrunk_and_bounded_by_the_units_history(inputs):
    result = project(inputs, 2025, dt.date(2025, 6, 30))
    # One complete year of ledger (2024): no year-on-year change has ever been seen, so nothing beyond the
    # commitment is expected: the expected change is the commitment.
    assert result.components == {"new_decisions": 0, "ends": 0, "changes": 0, "ledger": 0}
    assert result.methods["expected_change"] == result.methods["commitment"]


def test_the_ledger_gap_keeps_this_years_level_and_last_decembers_extra(inputs):
    ctx = change.context(inputs.history, cutoff, dt.date(2025, 6, 30), 2025)
    months = range(2025 * 12 + 6, 2025 * 12 + 12)
    gap = change.ledger_gap(ctx, inputs.ledger, change.register_months(ctx, months))
    # Before shrinkage: July–November 2 % over the register, December 2 % and the 5 000 kr more of last December.
    assert float(gap.cost.sum()) == pytest.approx(5 * 10_000 * 0.02 + 10_000 * 0.02 + 5_000, abs=0.01)
    assert change.gap_evidence(ctx) == 6  # its level rests on January–June 2025
    result = project(inputs, 2025, dt.date(2025, 6, 30))
    expected_net = result.methods["commitment"].net + sum(result.components.values())
    assert result.methods["expected_change"].net == expected_net


def test_without_a_register_only_the_ledger_methods_remain():
    months = [add_months(dt.date(2024, 1, 1), i) for i in range(16)]
    result = project(Inputs(VersionHistory.empty(), ledger(months), cutoff), 2025, dt.date(2025, 4, 30))
    assert set(result.methods) == {"run_rate", "seasonal_naive", "baseline"}
    assert result.methods["run_rate"].cost == Decimal(str(10_000 * 1.02 * 12))


def test_with_only_a_register_the_commitment_is_the_registers_whole_year():
    history = VersionHistory.from_versions(rows_of_a_churning_unit(dt.date(2025, 12, 1)))
    result = project(Inputs(history, LedgerSeries(), cutoff), 2025, dt.date(2025, 4, 30))
    assert result.actual.cost == 0 and "baseline" not in result.methods
    assert result.methods["commitment"].cost == Decimal(12 * 10_000)
    # May–December drift learnt: new +k × 1 000 and ends −k × 1 000 for k = 1..8, from 14 month ends (January–
    # November 2024, January–March 2025), so each keeps 14 / (14 + 12). They cancel, so the bound (no
    # year-on-year change seen without a ledger) has nothing to cut; no ledger, no ledger gap.
    kept = round(36_000 * 14 / 26, 2)
    assert result.components == {"new_decisions": Decimal(repr(kept)), "ends": Decimal(repr(-kept)), "changes": 0,
                                 "ledger": 0}
