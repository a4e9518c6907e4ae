"""The start page, the client list and the client page take a bounded number of queries, however much data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from insatskollen.register.services import client_get_or_create

# Valid synthetic personnummer (Luhn-checked) for extra clients in team A.
EXTRA = ["199001012385", "199002022383", "199003032381", "199004042389", "199005052387", "199006062385",
         "199007072383", "199008082381", "199009092389", "199010102383"]


@pytest.fixture
def many_decisions(team_a, make_decision, home_help):
    clients = [client_get_or_create(personal_number=p, actor=None, team=team_a)[0] for p in EXTRA]
    for client in clients:
        make_decision(client)
        make_decision(client, intervention_type=home_help, unit="tim/vecka", extent=10,
                      start_date=dt.date(2025, 3, 1), end_date=dt.date(2025, 12, 31))
    return clients


def test_start_page_queries_are_bounded(browser_for, hanna, many_decisions, django_assert_max_num_queries):
    browser = browser_for(hanna)
    # Costs (4), session and user, the week panel (reviews, proposals, missing plans, the year plan, whether a
    # schablon is in use for the measurement dates) and the notices badge: bounded whatever the number of decisions.
    with django_assert_max_num_queries(16):
        assert browser.get(reverse("web:home")).status_code == 200


def test_client_list_queries_are_bounded(browser_for, alice, many_decisions, django_assert_max_num_queries):
    browser = browser_for(alice)
    with django_assert_max_num_queries(8):  # the page's audit events: the chain's last hash, one insert and (PostgreSQL) its lock
        html = browser.get(reverse("web:clients")).content.decode()
    assert html.count('<th scope="row"><a href="/klienter/') == len(EXTRA)


def test_client_page_queries_do_not_grow_with_decisions(browser_for, alice, many_decisions,
                                                        django_assert_max_num_queries):
    browser = browser_for(alice)
    # the audit row of the reading: its chain costs one read of the previous hash (and on PostgreSQL the lock)
    with django_assert_max_num_queries(14):
        assert browser.get(reverse("web:client", args=[many_decisions[0].pk])).status_code == 200
