"""The waterfall's geometry: each driver floats from where the previous bar ended, down when it lowers the net,
and the last bar is the new forecast. Pure."""

from decimal import Decimal
from itertools import pairwise

from insatskollen.forecasting.charts import mnkr, waterfall_bars, waterfall_chart

NET_FROM, NET_TO = Decimal(229_500_000), Decimal(236_000_000)
DRIVERS = [("Nya beslut", Decimal(3_000_000)), ("Avslutade beslut", Decimal(-700_000)),
           ("Ändrad omfattning", Decimal(0)), ("Ändrade intäkter", Decimal(4_200_000))]


def bars():
    return waterfall_bars(NET_FROM, DRIVERS, NET_TO, from_label="31 juli", to_label="31 augusti")


def test_each_driver_starts_where_the_previous_bar_ended_and_the_last_bar_is_the_new_net():
    result = bars()

    assert [b.label for b in result] == ["31 juli", "Nya beslut", "Avslutade beslut", "Ändrade intäkter",
                                         "31 augusti"]  # a driver of zero gets no bar
    assert result[0].end == NET_FROM
    for previous, bar in pairwise(result[:-1]):
        assert bar.start == previous.end
    assert result[-2].end == NET_FROM + 3_000_000 - 700_000 + 4_200_000 == NET_TO
    assert result[-1].end == NET_TO and result[-1].kind == "total"


def test_a_driver_that_lowers_the_net_goes_down():
    ended = bars()[2]

    assert ended.kind == "down" and ended.end < ended.start and ended.amount == Decimal(-700_000)
    assert bars()[1].kind == "up"


def test_in_pixels_bars_join_and_the_falling_bar_hangs_from_the_previous_top():
    chart = waterfall_chart(bars(), title="t", desc="d")
    rects = chart.rects
    new, ended = rects[1], rects[2]

    # SVG y grows downwards: the rising bar's top is the falling bar's top, and it ends lower.
    assert ended.y == new.y
    assert ended.y + ended.height > new.y
    # Heights are proportional to the amounts.
    assert abs(new.height / ended.height - 3_000_000 / 700_000) < 0.05
    assert rects[-1].y < rects[0].y  # the new net is higher than the old
    assert [r.css for r in rects] == ["waterfall-total", "waterfall-up", "waterfall-down", "waterfall-up",
                                      "waterfall-total"]
    assert rects[2].title == "Avslutade beslut: −0,7 mnkr"


def test_amounts_read_in_millions_with_a_decimal_comma():
    assert mnkr(Decimal(237_000_000)) == "237,0 mnkr"
    assert mnkr(Decimal(4_200_000), signed=True) == "+4,2 mnkr"
    assert mnkr(Decimal(-61_000), signed=True) == "−0,06 mnkr"
