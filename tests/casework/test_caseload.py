import re

"""Caseload per caseworker and the spread in each team, on crafted cases computed by hand; and the page."""

import datetime as dt
from decimal import Decimal
from statistics import median
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.accounts.models import Role, User
from insatskollen.casework.caseload import caseload
from insatskollen.register.models import Decision
from insatskollen.register.services import client_get_or_create
from tests.conftest import make_user

AS_OF = dt.date(2025, 6, 15)
URL = reverse("web:caseload")


def days(first: dt.date, last: dt.date) -> int:
    return (last - first).days + 1


@pytest.fixture
def world(alice, bob, team_a, client_a, client_b, make_decision, home_help):
    anna = make_user("anna", Role.CASEWORKER, team_a, first_name="Anna", last_name="Ek")
    make_user("cecilia", Role.CASEWORKER, team_a, first_name="Cecilia", last_name="Lind")  # no decisions
    other_a = client_get_or_create(personal_number="198001012387", actor=None, team=team_a)[0]
    # Alice: a group home from 1 Feb (review due 1 June: overdue) and home help all year (due 1 July: soon).
    make_decision(client_a, external_id="A-GB", price=Decimal(3250), decision_date=dt.date(2024, 6, 1),
                  start_date=dt.date(2025, 2, 1))
    make_decision(other_a, external_id="A-HH", intervention_type=home_help, unit="tim/vecka", extent=Decimal(10),
                  price=Decimal(400), decision_date=dt.date(2024, 7, 1), start_date=dt.date(2025, 1, 1))
    make_decision(client_a, external_id="A-ENDED", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 5, 31))
    # Anna: a group home from 1 June, decided in May 2025 (review next May).
    make_decision(client_a, external_id="N-GB", price=Decimal(2000), caseworker=anna,
                  decision_date=dt.date(2025, 5, 20), start_date=dt.date(2025, 6, 1))
    # Bob, team B: the whole year, reviewed in January.
    make_decision(client_b, external_id="B-GB", price=Decimal(3250), caseworker=bob,
                  decision_date=dt.date(2024, 1, 1), start_date=dt.date(2024, 1, 1),
                  last_review_date=dt.date(2025, 1, 10))
    year_end = dt.date(2025, 12, 31)
    return {
        "alice": Decimal(3250 * days(dt.date(2025, 2, 1), year_end))
        + (Decimal(10) * 400 * days(dt.date(2025, 1, 1), year_end) / 7).quantize(Decimal("0.01")),
        "anna": Decimal(2000 * days(dt.date(2025, 6, 1), year_end)),
        "bob": Decimal(3250 * 365),
    }


def test_figures_per_caseworker_and_team_spread(world, django_assert_max_num_queries):
    # The decisions, the caseworkers, and the term periods the register selector prices.
    with django_assert_max_num_queries(3):
        result = caseload(Decision.objects.all(), User.objects.filter(role=Role.CASEWORKER), AS_OF)
    assert [t.team_name for t in result.teams] == ["Team Barn och unga", "Team Vuxna LSS"]
    teams = {t.team_name: t for t in result.teams}
    a = {m.name: m for m in teams["Team Vuxna LSS"].caseworkers}
    alice, anna, cecilia = a["Alice Andersson"], a["Anna Ek"], a["Cecilia Lind"]
    assert (alice.clients, alice.decisions, alice.reviews_overdue, alice.reviews_due_soon) == (2, 2, 1, 1)
    assert (anna.clients, anna.decisions, anna.reviews_overdue, anna.reviews_due_soon) == (1, 1, 0, 0)
    assert (cecilia.clients, cecilia.decisions, cecilia.annual_cost) == (0, 0, Decimal(0))
    assert alice.annual_cost == world["alice"]
    assert anna.annual_cost == world["anna"]
    costs = [world["alice"], world["anna"], Decimal(0)]
    mean = sum(costs) / 3
    spread = teams["Team Vuxna LSS"].cost
    assert (spread.minimum, spread.median, spread.maximum) == (0, median(costs), world["alice"])
    assert spread.mean == mean
    assert alice.cost_vs_mean == pytest.approx(world["alice"] / mean)
    assert alice.decisions_vs_mean == 2  # 2 decisions against a mean of (2 + 1 + 0) / 3
    assert [m.name for m in teams["Team Vuxna LSS"].caseworkers] == ["Alice Andersson", "Anna Ek", "Cecilia Lind"]
    bob = teams["Team Barn och unga"].caseworkers[0]
    assert (bob.decisions, bob.annual_cost, bob.reviews_overdue, bob.cost_vs_mean) == (1, world["bob"], 0, 1)


def test_team_filter_keeps_only_that_teams_caseworkers(world, team_b):
    result = caseload(Decision.objects.all(), User.objects.filter(role=Role.CASEWORKER), AS_OF,
                      team_ids=[team_b.pk])
    assert [[m.name for m in t.caseworkers] for t in result.teams] == [["Bob Berg"]]


@pytest.fixture
def pinned(world, time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    return world


def test_caseworker_page_shows_own_team_only(browser_for, alice, pinned):
    page = browser_for(alice).get(URL).content.decode().replace("\xa0", " ")
    assert "Alice Andersson" in page and "Cecilia Lind" in page and "Bob Berg" not in page
    assert 'role="img"' in page and re.search(r'<caption id="tbl-\d+">', page) and 'scope="row"' in page
    alice_cost = f"{pinned['alice']:,.0f}".replace(",", " ")
    assert f"{alice_cost} kr" in page


def test_unit_head_sees_every_team_and_can_filter(browser_for, hanna, team_b, pinned):
    page = browser_for(hanna).get(URL).content.decode()
    assert "Alice Andersson" in page and "Bob Berg" in page
    page = browser_for(hanna).get(URL, {"team": team_b.pk}).content.decode()
    assert "Bob Berg" in page and "Alice Andersson" not in page


def test_access(browser_for, client, carl, ada, pinned):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    assert browser_for(carl).get(URL).status_code == 403
    assert browser_for(ada).get(URL).status_code == 200
