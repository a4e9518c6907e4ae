"""The order pages: the plans worklist, creating an order, registering the plan; access per role and team."""

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from insatskollen.orders.models import Order, OrderStatus

pytestmark = pytest.mark.django_db

TODAY = "2025-03-15 12:00 +01:00"


@pytest.fixture(autouse=True)
def pinned_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def order_a(decision_a, place_order):
    return place_order(decision_a, "2025-02-01")


@pytest.fixture
def order_b(decision_b, place_order):
    return place_order(decision_b, "2025-02-01")


def pages(decision, order):
    return [reverse("web:worklist_plans"), reverse("web:order_create", args=[decision.pk]),
            reverse("web:order_plan", args=[order.pk])]


def test_anonymous_is_sent_to_login(client, decision_a, order_a):
    for url in pages(decision_a, order_a):
        response = client.get(url)
        assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_the_controller_is_refused(browser_for, carl, decision_a, order_a):
    browser = browser_for(carl)
    for url in pages(decision_a, order_a):
        assert browser.get(url).status_code == 403


def test_another_teams_decision_and_order_are_not_found(browser_for, bob, decision_a, order_a):
    browser = browser_for(bob)
    assert browser.get(reverse("web:order_create", args=[decision_a.pk])).status_code == 404
    assert browser.get(reverse("web:order_plan", args=[order_a.pk])).status_code == 404
    response = browser.post(reverse("web:order_plan", args=[order_a.pk]), {"received_on": "2025-03-01"})
    assert response.status_code == 404
    order_a.refresh_from_db()
    assert order_a.plan_received_on is None


@pytest.mark.parametrize("persona", ["alice", "hanna", "ada"])
def test_allowed_roles_see_the_pages(request, browser_for, persona, decision_a, order_a):
    browser = browser_for(request.getfixturevalue(persona))
    for url in pages(decision_a, order_a):
        assert browser.get(url).status_code == 200


def test_worklist_shows_own_team_overdue_first(browser_for, alice, make_decision, client_a, order_b,
                                               place_order):
    soon = place_order(make_decision(client_a, external_id="SOON"), "2025-03-10")   # due 03-24
    late = place_order(make_decision(client_a, external_id="LATE"), "2025-02-10")   # due 02-24
    html = browser_for(alice).get(reverse("web:worklist_plans")).content.decode()
    assert html.index("LATE") < html.index("SOON")
    assert "Försenad 19 dagar" in html          # 24 Feb → 15 Mar
    assert "B-B1" not in html                   # team B's order
    assert reverse("web:order_plan", args=[late.pk]) in html and reverse("web:order_plan", args=[soon.pk]) in html
    assert "198703121239" not in html


def test_unit_head_sees_every_team(browser_for, hanna, order_a, order_b):
    html = browser_for(hanna).get(reverse("web:worklist_plans")).content.decode()
    assert "B-A1" in html and "B-B1" in html


def test_creating_an_order(browser_for, alice, decision_a, settings):
    settings.EXECUTION_PLAN_DUE_DAYS = 10
    url = reverse("web:order_create", args=[decision_a.pk])
    response = browser_for(alice).post(url, {"ordered_on": "2025-03-14"}, follow=True)
    order = Order.objects.get(decision=decision_a)
    assert (order.ordered_on, order.plan_due, order.sent_by) == (dt.date(2025, 3, 14), dt.date(2025, 3, 24), alice)
    assert response.redirect_chain[-1][0].endswith(f"#beslut-{decision_a.pk}")
    assert "senast 2025-03-24" in response.content.decode()


@pytest.mark.parametrize("value, message", [
    ("", "Ange beställningsdatum."),
    ("14/3 2025", "Skriv datumet ÅÅÅÅ-MM-DD."),
    ("2025-03-16", "Datumet kan inte ligga i framtiden."),
    ("2025-01-09", "Beställningsdatum kan inte vara före beslutsdatum (2025-01-10)."),
])
def test_bad_order_dates_are_explained_and_nothing_is_written(browser_for, alice, decision_a, value, message):
    response = browser_for(alice).post(reverse("web:order_create", args=[decision_a.pk]), {"ordered_on": value})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'aria-describedby="id_ordered_on_error' in html
    assert not Order.objects.exists()


def test_registering_the_plan_from_the_worklist(browser_for, alice, order_a):
    url = reverse("web:order_plan", args=[order_a.pk])
    response = browser_for(alice).post(url, {"received_on": "2025-03-12", "note": "Mål saknas", "next": "worklist"})
    assert response.status_code == 302 and response["Location"] == reverse("web:worklist_plans")
    order_a.refresh_from_db()
    assert (order_a.plan_received_on, order_a.plan_note, order_a.status) == (
        dt.date(2025, 3, 12), "Mål saknas", OrderStatus.PLAN_RECEIVED)
    html = browser_for(alice).get(reverse("web:worklist_plans")).content.decode()
    assert "B-A1" not in html


def test_a_plan_before_the_order_is_refused(browser_for, alice, order_a):
    response = browser_for(alice).post(reverse("web:order_plan", args=[order_a.pk]), {"received_on": "2025-01-31"})
    assert "Planen kan inte ha kommit in före beställningen (2025-02-01)." in response.content.decode()
    order_a.refresh_from_db()
    assert order_a.plan_received_on is None


def test_decision_orders_include_for_the_client_page(alice, decision_a, order_a):
    html = render_to_string("web/orders/_decision_orders.html", {"decision": decision_a, "may_change": True})
    assert "2025-02-15" in html and "Försenad" in html
    assert reverse("web:order_create", args=[decision_a.pk]) in html
    read_only = render_to_string("web/orders/_decision_orders.html", {"decision": decision_a, "may_change": False})
    assert reverse("web:order_create", args=[decision_a.pk]) not in read_only


def test_only_mine(browser_for, alice, ada, make_decision, client_a, place_order):
    place_order(make_decision(client_a, external_id="ALICE"), "2025-02-01")
    place_order(make_decision(client_a, external_id="ADA", caseworker=ada), "2025-02-01")
    html = browser_for(alice).get(reverse("web:worklist_plans") + "?mina=1").content.decode()
    assert "ALICE" in html and "ADA" not in html


def test_worklist_query_count_does_not_grow_with_orders(browser_for, hanna, alice, bob, make_decision, client_a,
                                                        client_b, place_order, django_assert_max_num_queries):
    browser = browser_for(hanna)
    place_order(make_decision(client_a, external_id="X0"), "2025-02-01")
    with django_assert_max_num_queries(4):
        browser.get(reverse("web:worklist_plans"))
    for index in range(1, 6):
        client, caseworker = (client_a, alice) if index % 2 else (client_b, bob)
        place_order(make_decision(client, external_id=f"X{index}", caseworker=caseworker), "2025-02-01")
    with django_assert_max_num_queries(4):
        html = browser.get(reverse("web:worklist_plans")).content.decode()
    assert all(f"X{i}" in html for i in range(6))
