"""Worklist "Inför mättillfället": 45 days before 30 September 2018, what to do and the money at stake per row.

2018 rates (kr/år): level 1 700 000, 2 900 000, 3 1 150 000, 4 1 500 000; two measurement dates, so one person
counted on one date brings half the yearly rate.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from insatskollen.allocation.services import level_request_create, special_claim_create
from insatskollen.register.services import client_get_or_create

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2018, 8, 20, 9, 0)  # 41 days before 30 September
URL = reverse("web:worklist_measurement")


@pytest.fixture
def unit_before_september(tmp_path, make_decision, residents, group_home, team_b, bob):
    import_rates(tmp_path, 2018)
    early = D(2017, 1, 1)
    no_level, raised, claims, leaving, arriving = residents
    placement(make_decision, no_level, level="", start=early)
    raised_decision = placement(make_decision, raised, level="2", start=early)
    placement(make_decision, claims, level="3", start=early)
    placement(make_decision, leaving, level="4", start=early, end=D(2018, 9, 20), decided=D(2018, 6, 1))
    placement(make_decision, arriving, level="1", start=D(2018, 10, 15), decided=D(2018, 8, 1))
    # The need rose on the day six months before 30 September (30 March): the request must be decided now.
    level_request_create(actor=None, client=raised, intervention_type=group_home, decision=raised_decision,
                         current_level="2", requested_level="3", need_increased_on=D(2018, 3, 30),
                         requested_on=D(2018, 8, 1))
    # One day later: even granted, the rule counts the old level on 30 September. Not on the list.
    level_request_create(actor=None, client=raised, intervention_type=group_home, decision=raised_decision,
                         current_level="2", requested_level="4", need_increased_on=D(2018, 3, 31),
                         requested_on=D(2018, 8, 1))
    special_claim_create(actor=None, client=claims, intervention_type=group_home, measurement_date=D(2018, 9, 30),
                         kind="whole_day", amount_claimed=Decimal(200_000))
    special_claim_create(actor=None, client=claims, intervention_type=group_home, measurement_date=D(2018, 9, 30),
                         kind="part_of_day", amount_claimed=Decimal(150_000))
    other = client_get_or_create(personal_number="199507042464", actor=None, team=team_b)[0]
    placement(make_decision, other, level="", start=early, caseworker=bob)
    return residents


def page(browser, **params) -> str:
    response = browser.get(URL, params)
    assert response.status_code == 200
    return response.content.decode().replace("\u00a0", " ")


@time_machine.travel(TODAY, tick=False)
def test_a_caseworker_sees_her_teams_rows_with_the_money_at_stake(browser_for, alice, unit_before_september):
    html = page(browser_for(alice))

    assert "Inför mättillfället <span class=\"nowrap\">2018-09-30</span>" in html
    # No level: at least level 1's half year, 700 000 / 2.
    assert "Beslutet saknar nivå" in html and "350 000 kr" in html
    # The raised need (30 March) is six months old on 30 September: (1 150 000 − 900 000) / 2 = 125 000.
    assert "begäran om nivå 3 väntar på beslut" in html and "125 000 kr" in html
    assert "nivå 4 väntar" not in html
    # Claims: the whole-day one to send in (200 000), the part-of-day one not payable from 2018 (150 000).
    assert "förbered och skicka in" in html and "200 000 kr" in html
    assert "ej ersättningsgill" in html and "Från 2018" in html and "150 000 kr" in html
    # Ends 20 September: not counted, 1 500 000 / 2; starts 15 October: not counted, 700 000 / 2.
    assert "före mättillfället: räknas inte" in html and "750 000 kr" in html
    assert "efter mättillfället: räknas inte förrän nästa" in html
    # 350 000 + 125 000 + 200 000 + 150 000 + 750 000 + 350 000
    assert "Totalt på spel: 1 925 000 kr" in html
    assert "Du ser bara ditt teams ärenden" in html and "19950704" not in html


@time_machine.travel(TODAY, tick=False)
def test_the_unit_head_sees_every_team(browser_for, hanna, unit_before_september):
    html = page(browser_for(hanna))
    # Team B's resident without a level adds another 350 000.
    assert "Totalt på spel: 2 275 000 kr" in html and "19950704" in html


@time_machine.travel(TODAY, tick=False)
def test_din_vecka_shows_the_list_while_it_is_open(browser_for, alice, unit_before_september):
    html = browser_for(alice).get(reverse("web:home")).content.decode().replace("\u00a0", " ")
    assert "Inför mättillfället 2018-09-30: 6 ärenden" in html and "1 925 000 kr står på spel" in html


@time_machine.travel(dt.datetime(2018, 8, 15, 9, 0), tick=False)
def test_the_list_opens_45_days_before_the_date(browser_for, alice, unit_before_september):
    # 15 August is 46 days before 30 September: closed, the next date offered.
    html = page(browser_for(alice))
    assert "Inget mättillfälle inom 45 dagar" in html and "?datum=2018-09-30" in html
    home = browser_for(alice).get(reverse("web:home")).content.decode()
    assert "Inför mättillfället 2018-09-30:" not in home  # no task line yet …
    assert "Arbetslistan Inför mättillfället 2018-09-30 öppnar" in home  # … but this week's dates say when
    assert "Totalt på spel: 1 925 000 kr" in page(browser_for(alice), datum="2018-09-30")


@time_machine.travel(TODAY, tick=False)
def test_the_worklist_command_prints_the_rows(unit_before_september):
    out = StringIO()
    call_command("worklist", "measurement", "--as-of", "2018-08-20", "--team", "team-a", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["note"] == "Inför mättillfället 2018-09-30."
    assert sorted(i["at_stake"] for i in result["items"]) == [125_000, 150_000, 200_000, 350_000, 350_000,
                                                              750_000]


def test_the_year_plan_shows_the_measurement_dates_and_when_the_list_opens(browser_for, alice, tmp_path):
    import_rates(tmp_path, 2018)
    html = browser_for(alice).get(reverse("web:year_plan"), {"year": 2018}).content.decode()
    assert html.count("Mättillfälle (resursfördelning)") == 2
    assert 'datetime="2018-09-30"' in html and 'datetime="2018-08-16"' in html  # 30 September − 45 days
    assert "Arbetslistan Inför mättillfället 2018-09-30 öppnar" in html
    assert "Med sexmånadersregeln" in html


@time_machine.travel(TODAY, tick=False)
def test_a_date_in_a_year_without_schablon_says_why_nothing_is_at_stake(browser_for, alice, unit_before_september):
    html = page(browser_for(alice), datum="2019-03-31")
    assert "Ingen schablon är importerad för 2019" in html
    assert "Totalt på spel" not in html and "Inget att åtgärda" not in html
