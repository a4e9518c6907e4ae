"""Every API read of personal data leaves an audit event naming the client; a wrong key leaves one too."""

from __future__ import annotations

from insatskollen.audit.models import AuditAction, AuditEvent


def reads(action=AuditAction.CLIENT_LISTED):
    return AuditEvent.objects.filter(action=action)


def test_opening_a_decision_is_audited_with_its_client(api, hanna, decision_a):
    reply = api.get(f"/api/decisions/{decision_a.pk}", user=hanna)
    assert reply.status == 200
    event = reads(AuditAction.DECISION_VIEWED).get()
    assert (event.actor_id, event.object_id, event.client_id) == (hanna.pk, str(decision_a.pk), decision_a.client_id)
    assert event.detail["source"] == "api"


def test_a_decision_list_logs_each_client_it_shows(api, hanna, decision_a, decision_b):
    reply = api.get("/api/decisions", user=hanna, limit=500)
    assert reply.status == 200 and reply.body["count"] == 2
    assert set(reads().values_list("client_id", flat=True)) == {decision_a.client_id, decision_b.client_id}
    assert all(e.actor_id == hanna.pk for e in reads())


def test_a_search_by_personnummer_logs_the_client_found_but_never_the_number(api, alice, client_a, client_b):
    reply = api.get("/api/clients", user=alice, q="19870312-1239")
    assert [c["id"] for c in reply.body["items"]] == [client_a.pk]
    event = reads().get()
    assert event.client_id == client_a.pk and event.detail["search"] is True
    stored = f"{event.summary} {event.detail}"
    assert "1239" not in stored and "870312" not in stored


def test_costs_per_client_log_every_client_in_the_answer(api, hanna, decision_a, decision_b):
    reply = api.get("/api/costs", user=hanna, year=2025, by="klient")
    assert reply.status == 200 and len(reply.body["by"]) == 2
    assert set(reads().values_list("client_id", flat=True)) == {decision_a.client_id, decision_b.client_id}


def test_costs_without_clients_log_no_client_read(api, hanna, decision_a):
    api.get("/api/costs", user=hanna, year=2025, by="insatskod")
    assert not reads().exists()


def test_a_failed_token_is_audited_with_address_and_prefix_not_the_key(api):
    reply = api.get("/api/me", key="ik_wrong-key-that-does-not-exist")
    assert reply.status == 401
    event = AuditEvent.objects.get(action=AuditAction.TOKEN_FAILED)
    assert event.detail["prefix"] == "ik_wrong"
    assert event.detail["address"] == "127.0.0.1"
    assert "does-not-exist" not in f"{event.summary} {event.detail}"
