"""Brute force against API tokens: after five wrong keys from an address, the address gets 429 with a Swedish
message, even with a valid key; other addresses are not affected; the 429 is in the schema."""

from __future__ import annotations

import json

from django.test import Client

from insatskollen.audit.models import AuditAction, AuditEvent


def call(key: str, address: str = "10.0.0.5"):
    response = Client(REMOTE_ADDR=address).get("/api/me", headers={"Authorization": f"Bearer {key}"})
    return response.status_code, json.loads(response.content or b"{}")


def test_the_sixth_key_from_an_address_is_refused_even_when_valid(api, alice):
    valid = api.key_for(alice)
    for index in range(4):
        assert call(f"ik_wrong{index}")[0] == 401
    assert call("ik_wrong5")[0] == 429  # the fifth failure locks, and says so
    status, body = call(valid)
    assert status == 429
    assert "För många misslyckade inloggningsförsök" in body["detail"]
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_FAILED).count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    assert call(valid, address="10.0.0.6")[0] == 200


def test_valid_keys_are_never_counted(api, alice):
    valid = api.key_for(alice)
    for _ in range(10):
        assert call(valid)[0] == 200


def test_api_answers_are_never_stored(api, hanna, client_a):
    reply = api.get(f"/api/clients/{client_a.pk}", user=hanna)
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
