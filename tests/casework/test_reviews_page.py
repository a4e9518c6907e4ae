"""The reviews worklist page: team access, order, overdue marking and who may open it."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

URL = reverse("web:worklist_reviews")
MID_JUNE_2025 = dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def reviews(client_a, client_b, make_decision, bob, time_machine):
    time_machine.move_to(MID_JUNE_2025, tick=False)
    make_decision(client_a, external_id="B-LATE", price=Decimal(1000), decision_date=dt.date(2024, 3, 1),
                  start_date=dt.date(2024, 3, 1))
    make_decision(client_a, external_id="B-DEAR", price=Decimal(5000), decision_date=dt.date(2024, 8, 1),
                  start_date=dt.date(2024, 8, 1))
    make_decision(client_a, external_id="B-FAR", decision_date=dt.date(2025, 3, 1), start_date=dt.date(2025, 3, 1))
    make_decision(client_b, external_id="B-TEAMB", caseworker=bob, decision_date=dt.date(2024, 3, 1),
                  start_date=dt.date(2024, 3, 1))


def test_caseworker_sees_own_team_due_within_90_days_most_expensive_first(browser_for, alice, reviews):
    page = browser_for(alice).get(URL).content.decode()
    assert page.index("B-DEAR") < page.index("B-LATE")
    assert "B-FAR" not in page and "B-TEAMB" not in page
    assert "Försenad" in page and "198703121239" not in page
    assert "1 825 000" in page.replace("\xa0", " ")


def test_unit_head_sees_the_whole_unit(browser_for, hanna, reviews):
    page = browser_for(hanna).get(URL).content.decode()
    assert "B-TEAMB" in page and "B-DEAR" in page


def test_caseworkers_may_open_the_list_the_controller_may_not(browser_for, client, alice, carl, reviews):
    assert browser_for(alice).get(URL).status_code == 200
    assert browser_for(carl).get(URL).status_code == 403
    assert client.get(URL).status_code == 302
