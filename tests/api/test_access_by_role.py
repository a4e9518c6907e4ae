"""Every endpoint × every persona: who may read and change what. Generated, so a new endpoint gets a row.

The case lives in team A (client_a, decision_a). Alice is in team A, Bob in team B: Bob may not even see it.
The controller reads everything but changes nothing; the unit head and the admin do both.
"""

from __future__ import annotations

import pytest

PERSONAS = ["alice", "bob", "hanna", "carl", "ada"]

# endpoint name → expected status per persona (in the order of PERSONAS)
EXPECTED = {
    "me": (200, 200, 200, 200, 200),
    "client list": (200, 200, 200, 200, 200),
    "client detail": (200, 404, 200, 200, 200),
    "decision list": (200, 200, 200, 200, 200),
    "decision detail": (200, 404, 200, 200, 200),
    "decision create": (201, 404, 201, 403, 201),
    "decision change": (200, 404, 200, 403, 200),
    "decision end": (200, 404, 200, 403, 200),
    "costs": (200, 200, 200, 200, 200),
    "forecast": (403, 403, 200, 200, 200),
}
CASES = [(endpoint, persona, statuses[i]) for endpoint, statuses in EXPECTED.items()
         for i, persona in enumerate(PERSONAS)]


def request_for(endpoint: str, client_a, decision_a, group_home, provider):
    new_decision = {
        "client": client_a.pk, "intervention_type": group_home.pk, "provider": provider.pk, "caseworker": "alice",
        "extent": 1, "price": "3100", "decision_date": "2025-03-01", "start_date": "2025-03-01",
    }
    return {
        "me": ("get", "/api/me", None),
        "client list": ("get", "/api/clients", None),
        "client detail": ("get", f"/api/clients/{client_a.pk}", None),
        "decision list": ("get", "/api/decisions", None),
        "decision detail": ("get", f"/api/decisions/{decision_a.pk}", None),
        "decision create": ("post", "/api/decisions", new_decision),
        "decision change": ("patch", f"/api/decisions/{decision_a.pk}", {"price": "3300", "version": 1}),
        "decision end": ("post", f"/api/decisions/{decision_a.pk}/end", {"end_date": "2025-12-31", "version": 1}),
        "costs": ("get", "/api/costs?year=2025", None),
        "forecast": ("get", "/api/forecast?year=2025&as_of=2025-06-30", None),
    }[endpoint]


@pytest.mark.parametrize(("endpoint", "persona", "expected"), CASES, ids=[f"{e}-{p}" for e, p, _ in CASES])
def test_endpoint_access(request, api, endpoint, persona, expected, client_a, client_b, decision_a, group_home,
                         provider):
    user = request.getfixturevalue(persona)
    method, path, body = request_for(endpoint, client_a, decision_a, group_home, provider)
    reply = api.call(method, path, user=user, body=body)
    assert reply.status == expected, reply
    if expected >= 400:
        assert isinstance(reply.body["detail"], str) and reply.body["detail"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_hold_only_what_the_persona_may_see(request, api, persona, client_a, client_b, decision_a,
                                                  decision_b):
    user = request.getfixturevalue(persona)
    seen_clients = {item["id"] for item in api.get("/api/clients", user=user).body["items"]}
    seen_decisions = {item["id"] for item in api.get("/api/decisions", user=user).body["items"]}
    expected_clients = {"alice": {client_a.pk}, "bob": {client_b.pk}}.get(persona, {client_a.pk, client_b.pk})
    expected_decisions = {"alice": {decision_a.pk}, "bob": {decision_b.pk}}.get(persona,
                                                                                {decision_a.pk, decision_b.pk})
    assert seen_clients == expected_clients
    assert seen_decisions == expected_decisions
