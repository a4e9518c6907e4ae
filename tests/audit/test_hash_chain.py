"""The audit log is a hash chain: `insatskollen verify_audit` names the first changed, removed or inserted row."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection, connections

from insatskollen.audit import chain
from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.audit.services import audit_record, chain_row


def record(n: int, actor="cli") -> list[AuditEvent]:
    return [audit_record(actor=actor, action=AuditAction.DECISION_CHANGED, object_type="decision", object_id=i,
                         client_id=100 + i, summary=f"Beslut {i} ändrat",
                         detail={"changes": {"price": ["3250.50", 3300.25]}, "rows": i, "big": 1e20})
            for i in range(n)]


@contextmanager
def as_owner():
    """The table's owner (or a superuser) switches the append-only trigger off: what the chain must still catch."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending deferred FK checks
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
        yield cursor


def verify(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def broken_message(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        verify(*args)
    assert caught.value.returncode == 1
    return str(caught.value)


@pytest.mark.django_db
def test_an_untouched_log_verifies_and_each_row_links_to_the_one_before(alice):
    events = [audit_record(actor=alice, action=AuditAction.LOGIN), *record(5)]
    assert events[0].prev_hash == chain.GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.row_hash for e in events[:-1]]
    assert f"Loggen är hel: 6 rader, senaste rad {events[-1].pk}" in verify()


@pytest.mark.django_db
def test_a_changed_row_is_named():
    events = record(5)
    with as_owner() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'Ingenting hände' WHERE id = %s", [events[2].pk])
    message = broken_message()
    assert f"Loggen är bruten vid rad {events[2].pk}." in message and "har ändrats" in message


@pytest.mark.django_db
def test_a_changed_detail_is_named_even_when_only_a_number_became_text():
    events = record(3)
    with as_owner() as cursor:
        detail = '{"changes": {"price": ["3250.50", "3300.25"]}, "rows": 1, "big": 1e20}'
        cursor.execute("UPDATE audit_auditevent SET detail = %s WHERE id = %s", [detail, events[1].pk])
    assert f"bruten vid rad {events[1].pk}." in broken_message()


@pytest.mark.django_db
def test_a_removed_row_is_named_by_the_row_after_it():
    events = record(5)
    with as_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    message = broken_message()
    assert f"bruten vid rad {events[3].pk}." in message and f"Rader före rad {events[3].pk} saknas" in message


@pytest.mark.django_db
def test_a_removed_first_row_is_noticed():
    events = record(3)
    with as_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
    assert f"bruten vid rad {events[1].pk}." in broken_message()


@pytest.mark.django_db
def test_an_inserted_row_with_a_correct_hash_is_named(settings):
    events = record(3)
    forged_id = events[1].pk + 1
    with as_owner() as cursor:  # make room for it, then insert a row that hashes correctly onto row 2
        cursor.execute("UPDATE audit_auditevent SET id = id + 10 WHERE id = %s", [events[2].pk])
    assert "Loggen är hel: 3 rader" in verify()  # moving a row's id keeps the chain
    forged = AuditEvent(id=forged_id, actor_name="ada", action=AuditAction.CLIENT_VIEWED, summary="Inget att se",
                        prev_hash=events[1].row_hash)
    forged.at = events[1].at
    forged.row_hash = chain.row_hash(forged.prev_hash, chain_row(forged), settings.AUDIT_CHAIN_KEY)
    forged.save(force_insert=True)
    message = broken_message()
    assert f"bruten vid rad {forged_id}." in message and "lagts till i efterhand" in message


@pytest.mark.django_db
def test_with_a_key_a_row_forged_without_it_is_named_even_at_the_end(settings):
    settings.AUDIT_CHAIN_KEY = "nyckel-utanfor-databasen"
    events = record(2)
    forged = AuditEvent(actor_name="ada", action=AuditAction.LOGIN, prev_hash=events[-1].row_hash)
    forged.row_hash = chain.row_hash(forged.prev_hash, chain_row(forged), "")  # the intruder lacks the key
    forged.save(force_insert=True)
    assert f"bruten vid rad {forged.pk}." in broken_message()


@pytest.mark.django_db
def test_a_removed_tail_is_caught_by_the_checkpoint_kept_outside_the_database(tmp_path):
    events = record(4)
    checkpoint = tmp_path / "audit-checkpoint.json"
    assert "Loggen är hel: 4 rader" in verify("--checkpoint", str(checkpoint))
    assert str(events[-1].pk) in checkpoint.read_text()
    with as_owner() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id >= %s", [events[2].pk])
    assert "Loggen är hel: 2 rader" in verify()  # without the checkpoint a shorter log looks whole
    message = broken_message("--checkpoint", str(checkpoint))
    assert f"bruten vid rad {events[-1].pk}." in message and "har tagits bort" in message


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    def writer() -> None:
        close_old_connections()
        try:
            record(8)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert AuditEvent.objects.count() == 24
    assert "Loggen är hel: 24 rader" in verify()
