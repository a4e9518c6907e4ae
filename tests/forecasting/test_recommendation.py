"""The recommended method follows the evidence of earlier years; the 80 % interval contains it and narrows."""

import datetime as dt
import math
from decimal import Decimal

from insatskollen.forecasting import evidence as ev
from insatskollen.forecasting.methods import YearFigures
from insatskollen.forecasting.projection import Projection

ACTUAL = {2023: Decimal(100_000), 2024: Decimal(200_000)}


def fake_projections(nets: dict[tuple[int, str], int]):
    """A `project` function whose methods forecast the given nets (cost = net, no revenue)."""
    def project(year: int, day: dt.date) -> Projection:
        methods = {name: YearFigures(Decimal(net), Decimal(0)) for (y, name), net in nets.items() if y == year}
        return Projection(year, day, day.month, day.month, YearFigures(Decimal(0), Decimal(0)), methods)
    return project


def test_the_method_with_the_lowest_error_in_earlier_years_is_recommended():
    # run rate: −10 % and −5 %; baseline: +3 % and −1 %.
    project = fake_projections({(2023, "run_rate"): 90_000, (2023, "baseline"): 103_000,
                                (2024, "run_rate"): 190_000, (2024, "baseline"): 198_000})
    evidence = ev.from_years(project, [2023, 2024], dt.date(2025, 4, 30), ACTUAL, ["run_rate", "baseline"])
    assert evidence.mape() == {"run_rate": Decimal("7.50"), "baseline": Decimal("2.00")}
    assert ev.choose(["run_rate", "baseline"], evidence, has_register=False) == "baseline"
    assert evidence.basis == "Träffsäkerhet i slutet av april 2023–2024"


def test_when_the_evidence_turns_the_recommendation_turns():
    project = fake_projections({(2023, "run_rate"): 101_000, (2023, "baseline"): 110_000,
                                (2024, "run_rate"): 199_000, (2024, "baseline"): 180_000})
    evidence = ev.from_years(project, [2023, 2024], dt.date(2025, 8, 31), ACTUAL, ["run_rate", "baseline"])
    assert ev.choose(["run_rate", "baseline"], evidence, has_register=False) == "run_rate"


def test_without_evidence_the_register_decides_the_default():
    assert ev.choose(["run_rate", "commitment"], None, has_register=True) == "commitment"
    assert ev.choose(["run_rate", "baseline"], None, has_register=False) == "run_rate"


def test_the_interval_contains_the_point_and_narrows_with_smaller_errors():
    net = Decimal(1_000_000)
    april = ev.Evidence({"commitment": [Decimal(3), Decimal(-1)]}, "", "years")
    august = ev.Evidence({"commitment": [Decimal("1.5"), Decimal("-0.5")]}, "", "years")
    early = ev.interval(net, "commitment", april, rest_share=8 / 12)
    late = ev.interval(net, "commitment", august, rest_share=4 / 12)
    # Two errors: t(0.90, 2) = 1.886 × RMS(3, −1) = √5 percent of the net on either side.
    half = 1_000_000 * 1.886 * math.sqrt(5) / 100
    assert float(early.high - net) == float(net - early.low) == round(half, 2)
    assert early.low < net < early.high and late.low < net < late.high
    assert late.high - late.low < early.high - early.low
    assert (early.level, early.method) == (0.8, "commitment")


def test_the_floor_keeps_an_interval_while_months_remain_and_closes_in_december():
    exact = ev.Evidence({"run_rate": [Decimal(0), Decimal(0)]}, "", "years")
    net = Decimal(1_200_000)
    assert ev.interval(net, "run_rate", exact, rest_share=0.5).high == net + Decimal(1_200_000 * 0.5 * 0.5 / 100)
    december = ev.interval(net, "run_rate", exact, rest_share=0.0)
    assert december.low == december.high == net
    assert ev.interval(net, "run_rate", None, rest_share=0.5) is None
