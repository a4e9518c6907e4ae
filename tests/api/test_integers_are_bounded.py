"""Integers beyond the database's 64-bit range are refused with 422 and a Swedish message, never a server error."""

from __future__ import annotations

import pytest

TOO_BIG = str(2**63)


@pytest.mark.parametrize("path, field", [
    (f"/api/clients?offset={TOO_BIG}", "offset"),
    (f"/api/decisions?offset={TOO_BIG}", "offset"),
    (f"/api/decisions?client={TOO_BIG}", "client"),
    (f"/api/clients/{TOO_BIG}", "client_id"),
    (f"/api/decisions/{TOO_BIG}", "decision_id"),
    ("/api/decisions?limit=99999999999999999999999", "limit"),
])
def test_an_overflowing_integer_answers_422(api, hanna, path, field):
    reply = api.get(path, user=hanna)
    assert reply.status == 422, reply
    assert field in reply.body["errors"] and reply.body["errors"][field].startswith("Värdet")


def test_an_overflowing_id_in_a_body_answers_422(api, hanna, client_a):
    reply = api.post("/api/decisions", user=hanna, body={
        "client": client_a.pk, "intervention_type": 2**63, "provider": 1, "extent": "1", "price": "100",
        "decision_date": "2025-01-01", "start_date": "2025-01-01"})
    assert reply.status == 422 and "intervention_type" in reply.body["errors"]


def test_an_overflowing_version_answers_422(api, hanna, decision_a):
    reply = api.post(f"/api/decisions/{decision_a.pk}/end", user=hanna,
                     body={"end_date": "2025-12-31", "version": 2**64})
    assert reply.status == 422 and "version" in reply.body["errors"]
