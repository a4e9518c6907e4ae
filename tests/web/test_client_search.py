"""Finding a client by personnummer in any form, or by a decision's Beslut-id."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize("query", ["198703121239", "19870312-1239", "870312-1239", "8703121239", "B-A1"])
def test_search_finds_the_client_in_any_form(browser_for, hanna, decision_a, client_b, query):
    response = browser_for(hanna).get(reverse("web:clients"), {"q": query})
    html = response.content.decode()
    assert "1 träff för" in html
    assert reverse("web:client", args=[decision_a.client_id]) in html
    assert "19950704-****" not in html


def test_results_show_team_and_active_decisions(browser_for, hanna, make_decision, client_a):
    import datetime as dt

    make_decision(client_a)
    make_decision(client_a, start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 12, 31))
    html = browser_for(hanna).get(reverse("web:clients"), {"q": "19870312-1239"}).content.decode()
    assert "<td>Team Vuxna LSS</td>" in html
    assert '<td class="num">1</td>' in html


def test_nothing_found_is_said_plainly(browser_for, hanna, client_a):
    html = browser_for(hanna).get(reverse("web:clients"), {"q": "B-okänt"}).content.decode()
    assert "Ingen klient du har behörighet till matchar sökningen." in html
