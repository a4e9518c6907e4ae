"""Every write is recorded in an append-only audit table: who, what, when."""


from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from insatskollen.audit.models import AppendOnlyError, AuditEvent
from insatskollen.register.importing.service import register_import
from insatskollen.register.services import decision_change

from ..register.helpers import FIXTURES


@pytest.mark.django_db
def test_decision_writes_are_audited_with_actor_and_before_after(client_a, make_decision, alice):
    decision = make_decision(client_a)
    decision_change(decision=decision, actor=alice, price=Decimal(3300))
    event = AuditEvent.objects.filter(action="decision.changed").get()
    assert event.actor == alice and event.actor_name == "alice"
    assert event.client_id == client_a.pk
    assert event.detail["changes"] == {"price": ["3250", "3300"]}
    assert AuditEvent.objects.filter(action="decision.created", object_id=str(decision.pk)).exists()


@pytest.mark.django_db
def test_an_import_is_audited_once_with_its_counts():
    register_import(FIXTURES / "register_small.csv", actor="cli")
    event = AuditEvent.objects.get(action="register.imported")
    assert event.actor_name == "cli"
    assert event.detail["created"] == 17


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted_through_the_model(client_a, make_decision):
    make_decision(client_a)
    event = AuditEvent.objects.first()
    event.summary = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_itself_refuses_updates_of_audit_events(client_a, make_decision):
    make_decision(client_a)
    statements = ["UPDATE audit_auditevent SET summary = 'x'"]
    if connection.vendor == "postgresql":  # SQLite keeps DELETE for emptying test databases (see the migration)
        statements.append("DELETE FROM audit_auditevent")
    for statement in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.exclude(summary="x").count() == AuditEvent.objects.count() > 0


