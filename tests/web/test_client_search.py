"""Finding a client by personnummer in any form, or by a decision's Beslut-id."""

from __future__ import annotations

import pytest
from django.urls import reverse


def search(browser, query: str):
    """The search form posts (with CSRF in the page) and lands on its results page."""
    return browser.post(reverse("web:clients"), {"q": query}, follow=True)


@pytest.mark.parametrize("query", ["198703121239", "19870312-1239", "870312-1239", "8703121239", "B-A1"])
def test_search_finds_the_client_in_any_form(browser_for, hanna, decision_a, client_b, query):
    response = search(browser_for(hanna), query)
    html = response.content.decode()
    assert "1 träff för" in html
    assert reverse("web:client", args=[decision_a.client_id]) in html
    assert "19950704-****" not in html


def test_results_show_team_and_active_decisions(browser_for, hanna, make_decision, client_a):
    import datetime as dt

    make_decision(client_a)
    make_decision(client_a, start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 12, 31))
    html = search(browser_for(hanna), "19870312-1239").content.decode()
    assert "<td>Team Vuxna LSS</td>" in html
    assert '<td class="num">1</td>' in html


def test_nothing_found_is_said_plainly(browser_for, hanna, client_a):
    html = search(browser_for(hanna), "B-okänt").content.decode()
    assert "Ingen klient du har behörighet till matchar sökningen." in html


def test_the_personnummer_never_lands_in_a_url(browser_for, hanna, client_a):
    browser = browser_for(hanna)
    form = browser.get(reverse("web:clients")).content.decode()
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
    response = browser.post(reverse("web:clients"), {"q": "19870312-1239"})
    assert response.status_code == 302
    results_url = response["Location"]
    assert "870312" not in results_url and "1239" not in results_url and "sokning=" in results_url
    html = browser.get(results_url).content.decode()
    assert "1 träff för ”19870312-1239”" in html  # the page says what was searched for, in its body
    assert 'value="19870312-1239"' in html  # and keeps it in the field to refine


def test_the_form_needs_its_csrf_token(hanna, client_a):
    from django.test import Client as Browser

    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(hanna)
    assert browser.post(reverse("web:clients"), {"q": "19870312-1239"}).status_code == 403


def test_a_personnummer_in_the_query_string_is_not_searched(browser_for, hanna, client_a, client_b):
    html = browser_for(hanna).get(reverse("web:clients"), {"q": "19870312-1239"}).content.decode()
    assert "träff för" not in html and "2 klienter" in html


def test_results_pages_keep_the_search_without_it_in_the_url(browser_for, hanna, team_a):
    from tests.api.test_clients import _check_digit

    from insatskollen.register.services import client_get_or_create

    for index in range(55):  # more than one page of clients born on 1 January 1980
        nine = f"800101{index:03d}"
        client_get_or_create(personal_number=f"19{nine}{_check_digit(nine)}", actor=None, team=team_a)
    browser = browser_for(hanna)
    first = browser.post(reverse("web:clients"), {"q": "800101"}, follow=True)
    html = first.content.decode()
    assert "55 träffar för ”800101”" in html
    next_link = html.split('class="pagination"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert "800101" not in next_link and "sokning=" in next_link and "sida=2" in next_link
    second = browser.get(reverse("web:clients") + next_link).content.decode()
    assert "55 träffar för ”800101”" in second and "Sida 2 av 2" in second


def test_a_remembered_search_from_another_session_is_not_shown(browser_for, hanna, alice, client_a):
    url = browser_for(hanna).post(reverse("web:clients"), {"q": "19870312-1239"})["Location"]
    html = browser_for(alice).get(url).content.decode()
    assert "Sökningen har gått ut" in html and "19870312-1239" not in html
