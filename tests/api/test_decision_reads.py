"""Reading decisions: filters, the version history, masking, and a bounded number of queries."""

from __future__ import annotations

import datetime as dt

from insatskollen.register.models import ChangeSource
from insatskollen.register.services import decision_change


def test_filters_by_client_date_and_code(api, hanna, client_a, client_b, make_decision, home_help, bob):
    home = make_decision(client_a)
    ended = make_decision(client_a, end_date=dt.date(2025, 4, 30))
    help_b = make_decision(client_b, intervention_type=home_help, unit="tim/vecka", extent=10, price=420,
                           caseworker=bob)

    def ids(**query):
        reply = api.get("/api/decisions", user=hanna, **query)
        assert reply.status == 200, reply
        return {item["id"] for item in reply.body["items"]}

    assert ids() == {home.pk, ended.pk, help_b.pk}
    assert ids(client=client_a.pk) == {home.pk, ended.pk}
    assert ids(active_on="2025-06-30") == {home.pk, help_b.pk}
    assert ids(active_on="2025-04-30") == {home.pk, ended.pk, help_b.pk}
    assert ids(active_on="2025-01-31") == set()
    assert ids(code="6115") == {help_b.pk}


def test_a_bad_date_filter_is_422_in_swedish(api, hanna):
    reply = api.get("/api/decisions", user=hanna, active_on="30/6")
    assert reply.status == 422
    assert reply.body["errors"]["active_on"] == "Datumet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-06-30."


def test_a_decision_shows_its_versions(api, alice, hanna, decision_a):
    decision_change(decision=decision_a, actor=hanna, source=ChangeSource.UI, extent=2)
    reply = api.get(f"/api/decisions/{decision_a.pk}", user=alice)
    assert reply.status == 200
    assert reply.body["client"]["personal_number"] == "19870312-****"
    first, second = reply.body["versions"]
    assert (first["number"], first["kind"], first["source"], first["changed_by"]) == (1, "created", "command", None)
    assert first["known_at"] == "2025-01-10T00:00:00+01:00"  # Stockholm time
    assert (second["number"], second["kind"], second["source"], second["changed_by"]) == (2, "changed", "ui", "hanna")
    assert second["changes"] == {"extent": ["1", "2"]}


def test_the_list_costs_a_fixed_number_of_queries(api, hanna, client_a, client_b, make_decision, bob,
                                                  django_assert_max_num_queries):
    for _ in range(10):
        make_decision(client_a)
        make_decision(client_b, caseworker=bob)
    key = api.key_for(hanna)
    with django_assert_max_num_queries(8):  # the lockout check (axes); the reads' audit: the chain's last hash, one insert and (PostgreSQL) its lock
        reply = api.get("/api/decisions", key=key)
    assert reply.body["count"] == 20


def test_one_decision_costs_a_fixed_number_of_queries(api, alice, decision_a, django_assert_max_num_queries):
    for price in range(3300, 3310):
        decision_change(decision=decision_a, actor=alice, price=price)
    key = api.key_for(alice)
    with django_assert_max_num_queries(9):  # the lockout check (axes); the read's audit: the chain's last hash, one insert and (PostgreSQL) its lock
        reply = api.get(f"/api/decisions/{decision_a.pk}", key=key)
    assert len(reply.body["versions"]) == 11
