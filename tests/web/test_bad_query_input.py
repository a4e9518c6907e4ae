"""Odd input in the address or a form gives a Swedish message or the default page, never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    ("web:forecast", {"year": "²"}),
    ("web:forecast", {"as_of": "0001-01-31"}),
    ("web:forecast_bridge", {"from": "2030-01-31", "to": "nonsense"}),
    ("web:forecast_bridge", {"from": "0001-01-01"}),
    ("web:forecast_bridge", {"to": "9999-12-31"}),
    ("web:forecast_backtest", {"year": "²"}),
    ("web:year_plan", {"year": "²"}),
    ("web:review_coverage", {"year": "²"}),
    ("web:worklist_contracts", {"inom": "²"}),
    ("web:worklist_fk", {}),
    ("web:fk_case_create", {"beslut": "²", "arende": "²", "klient": "²"}),
    ("web:worklist_reviews", {"handlaggare": "²"}),
]


@pytest.mark.parametrize(("name", "query"), ODD_QUERIES)
def test_odd_query_parameters_do_not_break_the_page(browser_for, hanna, name, query):
    assert browser_for(hanna).get(reverse(name), query).status_code == 200


def test_saving_a_forecast_for_year_one_says_why_it_was_not_saved(browser_for, carl):
    response = browser_for(carl).post(reverse("web:forecast_snapshot"), {"as_of": "0001-01-31"}, follow=True)
    assert response.status_code == 200
    assert "Prognosen sparades inte" in response.content.decode()


def test_a_conference_far_in_the_future_is_refused_with_a_message(browser_for, alice, team_a):
    response = browser_for(alice).post(reverse("web:conference_prepare"),
                                       {"team": team_a.code, "week": "9999-12-27"}, follow=True)
    assert response.status_code == 200
    assert "upp till ett år framåt" in response.content.decode()
