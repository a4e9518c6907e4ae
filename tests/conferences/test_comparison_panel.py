"""The comparison panel: similar cases (same code, level and unit, active in the week) and where a case lies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from insatskollen.conferences.comparison import Peer, compare, strip
from insatskollen.conferences.selectors import agenda_groups
from insatskollen.conferences.services import conference_prepare

from .conftest import WEEK


def test_figures_of_the_similar_cases_and_the_cases_position():
    peers = [Peer(Decimal(e), Decimal(c)) for e, c in ((10, 100), (4, 40), (6, 60), (10, 100), (12, 120))]
    result = compare(Decimal(10), Decimal(100), peers)
    assert result.count == 5
    assert (result.extent_min, result.extent_median, result.extent_max) == (4, 10, 12)
    assert (result.cost_min, result.cost_median, result.cost_max) == (40, 100, 120)
    assert (result.below, result.same, result.above) == (2, 2, 1)
    assert result.position_text.startswith("2 av 5 liknande ärenden har lägre omfattning, 1 högre och 2 samma")


def test_median_of_an_even_number_is_the_mean_of_the_middle_two():
    result = compare(Decimal(1), None, [Peer(Decimal(e), Decimal(0)) for e in (2, 8, 4, 6)])
    assert result.extent_median == (Decimal(4) + Decimal(6)) / 2


def test_no_similar_cases():
    result = compare(Decimal(3), Decimal(30), [])
    assert result.count == 0 and result.extent_median is None
    assert result.position_text == "Inga liknande pågående ärenden att jämföra med."
    assert strip(result).case_x == 0.5


def test_strip_places_the_case_between_the_extremes():
    drawn = strip(compare(Decimal(5), None, [Peer(Decimal(e), Decimal(0)) for e in (0, 10, 10)]))
    assert drawn.case_x == 0.5 and [(d.x, d.count) for d in drawn.dots] == [(0.0, 1), (1.0, 2)]


def test_panel_on_the_agenda_uses_the_units_active_cases_of_the_same_code_and_level(
        tuesday, team_a, team_b, hanna, bob, new_client, make_decision):
    level_3 = {"level": "3", "decision_date": dt.date(2024, 1, 8), "start_date": dt.date(2024, 1, 8)}
    for price in (3000, 3100):
        make_decision(new_client(team_a), price=Decimal(price), **level_3)
    make_decision(new_client(team_b), price=Decimal(2900), caseworker=bob, **level_3)  # another team: still similar
    make_decision(new_client(team_a), price=Decimal(9000), level="4", decision_date=dt.date(2024, 1, 8),
                  start_date=dt.date(2024, 1, 8))  # another level
    make_decision(new_client(team_a), price=Decimal(9000), level="3", decision_date=dt.date(2024, 1, 8),
                  start_date=dt.date(2024, 1, 8), end_date=dt.date(2025, 1, 31))  # ended before the week
    case = make_decision(new_client(team_a), price=Decimal(3250), level="3", decision_date=WEEK, start_date=WEEK)

    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    [group] = agenda_groups(conference)
    [item] = group["items"]
    assert item.decision_id == case.pk
    panel = item.comparison
    assert panel.count == 3  # 3000, 3100 (team A) and 2900 (team B); not level 4, not the ended one, not itself
    assert (panel.cost_min, panel.cost_median, panel.cost_max) == (2900 * 365, 3000 * 365, 3100 * 365)
    assert panel.case_cost == 3250 * 365
    assert panel.extent_median == 1 and panel.same == 3
