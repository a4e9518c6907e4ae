"""Clients through the API: masked in lists, in full on one client's page (not for the controller), audited."""

from __future__ import annotations

import pytest

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.services import client_get_or_create

FULL_A = "19870312-1239"
MASKED_A = "19870312-****"


def test_the_list_masks_personal_numbers(api, hanna, client_a, client_b):
    reply = api.get("/api/clients", user=hanna)
    assert reply.status == 200
    assert reply.body["count"] == 2
    numbers = {item["personal_number"] for item in reply.body["items"]}
    assert numbers == {MASKED_A, "19950704-****"}
    assert "1239" not in str(reply.body)


def test_one_client_shows_the_full_number_and_its_decisions(api, alice, client_a, decision_a):
    reply = api.get(f"/api/clients/{client_a.pk}", user=alice)
    assert reply.status == 200
    assert reply.body["personal_number"] == FULL_A
    assert reply.body["team"]["code"] == "team-a"
    [decision] = reply.body["decisions"]
    assert decision["id"] == decision_a.pk
    assert decision["intervention_type"]["code"] == "6510"
    assert decision["price"] == "3250.00"
    assert decision["client"]["personal_number"] == MASKED_A


def test_the_controller_sees_the_client_masked(api, carl, client_a):
    reply = api.get(f"/api/clients/{client_a.pk}", user=carl)
    assert reply.status == 200
    assert reply.body["personal_number"] == MASKED_A


def test_opening_a_client_is_audited(api, alice, client_a):
    api.get(f"/api/clients/{client_a.pk}", user=alice)
    event = AuditEvent.objects.get(action=AuditAction.CLIENT_VIEWED)
    assert event.actor == alice
    assert event.client_id == client_a.pk


def test_another_teams_client_is_not_found_and_the_attempt_reveals_nothing(api, alice, client_b):
    reply = api.get(f"/api/clients/{client_b.pk}", user=alice)
    assert reply.status == 404
    assert "19950704" not in str(reply.body)
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED).exists()


def test_search_by_personal_number_finds_only_visible_clients(api, alice, bob, client_a, client_b):
    assert [c["id"] for c in api.get("/api/clients", user=alice, q="19870312-1239").body["items"]] == [client_a.pk]
    assert api.get("/api/clients", user=bob, q="19870312-1239").body["items"] == []


def test_limit_and_offset_page_through_the_list(api, hanna, client_a, client_b):
    first = api.get("/api/clients", user=hanna, limit=1).body
    second = api.get("/api/clients", user=hanna, limit=1, offset=1).body
    assert first["count"] == second["count"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {client_a.pk, client_b.pk}


def test_an_oversized_limit_is_refused_in_swedish(api, hanna):
    reply = api.get("/api/clients", user=hanna, limit=100000)
    assert reply.status == 422
    assert reply.body["errors"]["limit"] == "Värdet får vara högst 500."


@pytest.mark.parametrize("client_count", [3, 30])
def test_the_list_costs_a_fixed_number_of_queries(api, hanna, team_a, client_count, django_assert_max_num_queries):
    for index in range(client_count):
        client_get_or_create(personal_number=f"19800101{index:03d}" + _check_digit(f"800101{index:03d}"),
                             actor=None, team=team_a)
    key = api.key_for(hanna)
    with django_assert_max_num_queries(8):  # the lockout check (axes); the reads' audit: the chain's last hash, one insert and (PostgreSQL) its lock
        reply = api.get("/api/clients", key=key)
    assert reply.body["count"] == client_count


def test_one_client_costs_a_fixed_number_of_queries(api, alice, client_a, make_decision,
                                                    django_assert_max_num_queries):
    for _ in range(5):
        make_decision(client_a)
    key = api.key_for(alice)
    with django_assert_max_num_queries(8):  # 7, and on PostgreSQL the audit chain's lock
        reply = api.get(f"/api/clients/{client_a.pk}", key=key)
    assert len(reply.body["decisions"]) == 5


def _check_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)
