"""Every kind of invoice discrepancy on one hand-checked invoice (pure matching, no database).

The order: client P, carrier 1, contract TR-2025, 250 kr a trip, 10 trips a week Monday–Friday (so 2 a day),
1–31 March 2025, serving a daily-activity decision that ended 20 March at provider 7, closed 14 March.
"""

import datetime as dt
from decimal import Decimal as D

from insatskollen.transport import matching as m
from insatskollen.transport.holidays_sv import holidays_between

P, Q, R = "198703121239", "199507042464", "200001012380"
MON_FRI = frozenset(range(5))
TERM = m.OrderTerm(order_id=1, client_key=P, carrier_id=1, contract="TR-2025", price=D(250), trips_per_week=10,
                   weekdays=MON_FRI, valid_from=dt.date(2025, 3, 1), valid_to=dt.date(2025, 3, 31),
                   activity_start=dt.date(2025, 1, 1), activity_end=dt.date(2025, 3, 20), activity_provider_id=7)
CLOSED = m.ClosedDays(by_provider={7: {dt.date(2025, 3, 14): "Planeringsdag"}})


def line(row, who, day, trips, amount):
    return m.Line(row, who, dt.date(2025, 3, day) if isinstance(day, int) else day, trips, D(amount), "TR-2025")


LINES = [
    line(2, P, 3, 2, "500"),     # Monday, as ordered
    line(3, P, 4, 2, "560"),     # 280 a trip: 60 kr over the contract
    line(4, P, 3, 2, "500"),     # the same as row 2: duplicate
    line(5, P, 8, 2, "500"),     # Saturday: not an ordered weekday
    line(6, P, dt.date(2025, 2, 27), 2, "500"),  # before the order's period
    line(7, Q, 5, 2, "480"),     # not a client of the unit
    line(8, P, 14, 2, "500"),    # the daily activity's closed day
    line(9, P, 24, 2, "500"),    # after the daily-activity decision ended
    line(10, P, 5, 3, "750"),    # 3 trips, 2 a day ordered: one too many
    line(11, R, 5, 2, "500"),    # a client without any order
    line(12, P, 6, 2, "480"),    # 240 a trip: below the contract, flagged, nothing disputed
]


def results():
    return m.match_lines(LINES, carrier_id=1, clients={P, R}, terms=[TERM], closed=CLOSED)


def test_each_line_gets_its_flag_and_amount():
    by_row = {r.line.row: r for r in results()}
    expect = {
        2: ([], "500.00", "0.00"),
        3: ([("price", "60.00")], "500.00", "60.00"),
        4: ([("duplicate", "500")], "0.00", "500.00"),
        5: ([("weekday", "500")], "0.00", "500.00"),
        6: ([("outside_period", "500")], "0.00", "500.00"),
        7: ([("unknown_client", "480")], "0.00", "480.00"),
        8: ([("not_running", "500")], "0.00", "500.00"),
        9: ([("not_running", "500")], "0.00", "500.00"),
        10: ([("excess_trips", "250.00")], "500.00", "250.00"),
        11: ([("no_order", "500")], "0.00", "500.00"),
        12: ([("price", "-20.00")], "480.00", "0.00"),
    }
    for row, (flags, accepted, disputed) in expect.items():
        r = by_row[row]
        assert [(f.kind, f.amount) for f in r.flags] == [(k, D(a)) for k, a in flags], row
        assert r.accepted == D(accepted), row
        assert r.disputed == D(disputed), row


def test_the_texts_say_why():
    by_row = {r.line.row: r for r in results()}
    assert "Planeringsdag" in by_row[8].flags[0].text
    assert "upphörde 2025-03-20" in by_row[9].flags[0].text
    assert "rad 2" in by_row[4].flags[0].text
    assert "lör" in by_row[5].flags[0].text.lower()


def test_invoice_totals_by_hand():
    # invoiced 500+560+500+500+500+480+500+500+750+500+480 = 5 770
    # accepted rows 2, 3, 10, 12: 500+500+500+480 = 1 980; disputed 5 770 − 1 980 = 3 790
    t = m.totals(results())
    assert (t.amount, t.accepted, t.disputed) == (D("5770.00"), D("1980.00"), D("3790.00"))
    assert t.by_kind == {"price": D("40.00"), "duplicate": D(500), "weekday": D(500),
                         "outside_period": D(500), "unknown_client": D(480), "not_running": D(1000),
                         "excess_trips": D("250.00"), "no_order": D(500)}


def test_a_line_already_invoiced_in_an_earlier_invoice_is_a_duplicate():
    earlier = {m.duplicate_key(P, dt.date(2025, 3, 3), 2, D(500))}
    [r] = m.match_lines([LINES[0]], carrier_id=1, clients={P}, terms=[TERM], closed=CLOSED, earlier=earlier)
    assert r.kinds == ["duplicate"] and r.disputed == D(500)


def test_another_carriers_order_is_no_order():
    [r] = m.match_lines([LINES[0]], carrier_id=2, clients={P}, terms=[TERM], closed=CLOSED)
    assert r.kinds == ["no_order"]


def test_a_public_holiday_closes_the_daily_activity():
    may = m.OrderTerm(order_id=2, client_key=P, carrier_id=1, contract="", price=D(250), trips_per_week=10,
                      weekdays=MON_FRI, valid_from=dt.date(2025, 4, 1), valid_to=None)
    closed = m.ClosedDays(unit=holidays_between(dt.date(2025, 5, 1), dt.date(2025, 5, 31)))
    assert closed.unit[dt.date(2025, 5, 1)] == "Första maj"
    [r] = m.match_lines([m.Line(2, P, dt.date(2025, 5, 1), 2, D(500))], carrier_id=1, clients={P}, terms=[may],
                        closed=closed)
    assert r.kinds == ["not_running"] and "Första maj" in r.flags[0].text


def test_a_price_rise_in_the_order_terms_is_priced_per_day():
    old = TERM
    new = m.OrderTerm(**{**old.__dict__, "price": D(300), "valid_from": dt.date(2025, 4, 1), "valid_to": None,
                         "activity_end": None})
    old = m.OrderTerm(**{**old.__dict__, "activity_end": None})
    lines = [m.Line(2, P, dt.date(2025, 3, 31), 2, D(600)), m.Line(3, P, dt.date(2025, 4, 1), 2, D(600))]
    a, b = m.match_lines(lines, carrier_id=1, clients={P}, terms=[old, new])
    assert a.kinds == ["price"] and a.disputed == D("100.00")  # 600 − 2 × 250
    assert b.kinds == [] and b.accepted == D("600.00")
