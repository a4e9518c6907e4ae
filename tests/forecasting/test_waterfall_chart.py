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


# The bridge of 30 November as the demo shows it: 218,53 mnkr → 218,97 mnkr, the axis cut to the bars' span.
NOVEMBER = waterfall_bars(Decimal(218_530_000), [("Nya beslut", Decimal(300_000)),
                                                 ("Avslutade beslut", Decimal(-300_000)),
                                                 ("Omräknade förväntningar", Decimal(440_000))],
                          Decimal(218_970_000), from_label="Prognos 31 oktober 2026",
                          to_label="Prognos 30 november 2026")


def ticks(chart):
    return [t for t in chart.texts if t.css == "chart-tick"]


def test_every_tick_label_has_the_same_unit_and_number_of_decimals():
    chart = waterfall_chart(NOVEMBER, title="t", desc="d")

    # Span 218,53–218,97 plus 15 % padding → 218,464–219,036; a round step of 0,2 mnkr from 218,4.
    assert [t.text.replace("\u00a0", " ") for t in ticks(chart)] == [
        "218,4 mnkr", "218,6 mnkr", "218,8 mnkr", "219,0 mnkr", "219,2 mnkr"]


def test_whole_millions_are_written_without_decimals_on_every_tick():
    chart = waterfall_chart(bars(), title="t", desc="d")

    # 229,5 → 236 mnkr plus padding → 228,525–236,975: steps of 2 mnkr from 228.
    assert [t.text.replace("\u00a0", " ") for t in ticks(chart)] == [
        "228 mnkr", "230 mnkr", "232 mnkr", "234 mnkr", "236 mnkr", "238 mnkr"]


def test_tick_labels_stand_far_enough_apart_not_to_overlap_even_on_a_short_chart():
    for height in (300, 160, 120):
        positions = sorted(t.y for t in ticks(waterfall_chart(NOVEMBER, title="t", desc="d", height=height)))

        assert len(positions) >= 2
        assert min(b - a for a, b in pairwise(positions)) >= 24  # twice the 12 px text


def test_long_bar_labels_alternate_between_two_rows_instead_of_running_into_each_other():
    chart = waterfall_chart(NOVEMBER, title="t", desc="d", width=420)  # slots of 66 px
    label_texts = [t for t in chart.texts if t.css == "chart-label" and t.y > 200]
    rows: dict[float, list] = {}
    for text in label_texts:
        rows.setdefault(text.y, []).append(text)

    for row in rows.values():
        row.sort(key=lambda t: t.x)
        for a, b in pairwise(row):
            # 12 px DejaVu Sans averages under 7 px a character: the halves of two labels must fit between centres.
            assert b.x - a.x >= 7 * (len(a.text) + len(b.text)) / 2, (a.text, b.text)
