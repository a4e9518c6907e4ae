"""Every worklist is reachable from the start page, through the hub, and each link opens for the user shown it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def hub_links(browser) -> list[str]:
    page = browser.get(reverse("web:worklists")).content.decode()
    return re.findall(r'<h2><a href="([^"]+)">', page)


def test_the_start_page_leads_to_the_worklists_hub(browser_for, alice):
    page = browser_for(alice).get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:worklists")}"' in page


@pytest.mark.parametrize("persona", ["alice", "hanna", "ada", "carl"])
def test_every_link_the_hub_shows_opens(request, browser_for, persona):
    user = request.getfixturevalue(persona)
    browser = browser_for(user)
    links = hub_links(browser)
    assert links, "the hub lists no worklist"
    for link in links:
        assert browser.get(link).status_code == 200, link


def test_a_caseworker_is_not_shown_the_unit_heads_lists(browser_for, alice, hanna):
    caseworker = hub_links(browser_for(alice))
    head = hub_links(browser_for(hanna))
    threshold = reverse("web:worklist_threshold")
    assert threshold in head and threshold not in caseworker
    assert reverse("web:worklist_reviews") in caseworker


def test_the_controller_sees_no_casework_lists(browser_for, carl):
    links = hub_links(browser_for(carl))
    assert reverse("web:worklist_reviews") not in links and reverse("web:worklist_plans") not in links


def test_the_hub_needs_a_login(client):
    response = client.get(reverse("web:worklists"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


@time_machine.travel(dt.datetime(2026, 3, 4, 9, 0), tick=False)
def test_the_week_panel_shows_a_caseworkers_overdue_review(browser_for, alice, make_decision, client_a):
    decision = make_decision(client_a, external_id="B-OLD", decision_date=dt.date(2025, 1, 10),
                             start_date=dt.date(2025, 2, 1))
    page = browser_for(alice).get(reverse("web:home")).content.decode()
    assert "Din vecka" in page
    assert "1 försenad omprövning" in page
    assert reverse("web:review_record", args=[decision.pk]) in page


def test_the_controller_has_no_week_panel(browser_for, carl):
    assert "Din vecka" not in browser_for(carl).get(reverse("web:home")).content.decode()
