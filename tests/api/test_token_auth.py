"""Only a valid, unrevoked bearer key opens the API; keys are made by a command that shows them once."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from insatskollen.accounts.models import ApiToken
from insatskollen.audit.models import AuditAction, AuditEvent

PROTECTED = ["/api/me", "/api/clients", "/api/decisions", "/api/costs?year=2025"]


@pytest.mark.parametrize("path", PROTECTED)
def test_without_a_key_the_api_answers_401_in_swedish(api, path):
    reply = api.get(path)
    assert reply.status == 401
    assert "API-nyckel" in reply.body["detail"]


@pytest.mark.parametrize("header_key", ["ik_fel-nyckel", "", "ik_" + "x" * 43])
def test_an_unknown_key_is_refused(api, alice, header_key):
    api.key_for(alice)
    assert api.get("/api/me", key=header_key).status == 401


def test_a_revoked_key_is_refused(api, alice):
    key = api.key_for(alice)
    assert api.get("/api/me", key=key).status == 200
    ApiToken.objects.filter(key_hash=ApiToken.hash_key(key)).update(revoked=True)
    assert api.get("/api/me", key=key).status == 401


def test_a_deactivated_users_key_is_refused(api, alice):
    key = api.key_for(alice)
    alice.is_active = False
    alice.save()
    assert api.get("/api/me", key=key).status == 401


def test_a_used_key_records_when_it_was_last_used(api, alice):
    key = api.key_for(alice)
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    assert token.last_used_at is None
    api.get("/api/me", key=key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_me_names_the_keys_user_role_and_team(api, alice):
    reply = api.get("/api/me", user=alice)
    assert reply.status == 200
    assert reply.body["username"] == "alice"
    assert reply.body["role"] == "caseworker"
    assert reply.body["team"]["code"] == "team-a"
    assert reply.body["may_change_decisions"] is True
    assert reply.body["sees_whole_unit"] is False


def test_the_command_prints_a_working_key_once_and_stores_only_its_hash(api, alice):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "--user", "alice", "--name", "Rapportverktyg", stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=alice, name="Rapportverktyg")
    assert token.key_hash == ApiToken.hash_key(key)
    assert key.startswith(token.prefix)
    assert key not in token.key_hash and len(token.prefix) < len(key)
    assert "visas inte igen" in err.getvalue()
    event = AuditEvent.objects.get(action=AuditAction.TOKEN_CREATED)
    assert event.object_id == str(token.pk) and key not in str(event.detail) + event.summary
    assert api.get("/api/me", key=key).body["username"] == "alice"


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("create_api_token", "--user", "nobody", "--name", "x", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
