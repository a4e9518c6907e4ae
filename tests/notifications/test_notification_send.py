"""Sending a notice: stored in the app, e-mailed when the user has an address, never twice for the same key."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.notifications import services
from insatskollen.notifications.models import Notification
from insatskollen.notifications.selectors import notifications_for, unread_count
from insatskollen.notifications.services import notification_mark_read, notification_send


# Real commits: the e-mail goes only after the transaction that stored the notice has committed.
pytestmark = pytest.mark.django_db(transaction=True)


def send(user, key="k1", **extra):
    return notification_send(recipient=user, kind="test", title="Planen saknas", body="Ring utföraren.",
                             url="/notiser/", key=key, **extra)


def test_stored_and_emailed(alice, settings):
    settings.SITE_URL = "https://insatskollen.example.se"
    alice.email = "alice@example.se"
    alice.save()
    notice = send(alice)
    assert notice.emailed_at is not None and notice.read_at is None
    [message] = mail.outbox
    assert message.to == ["alice@example.se"] and message.subject == "Planen saknas"
    assert "Ring utföraren." in message.body and "https://insatskollen.example.se/notiser/" in message.body
    event = AuditEvent.objects.get(action=AuditAction.NOTIFICATION_SENT)
    assert event.detail == {"kind": "test", "key": "k1", "recipient": "alice", "email": True}


def test_same_key_is_sent_once_per_recipient(alice, bob):
    alice.email = "alice@example.se"
    alice.save()
    assert send(alice) is not None
    assert send(alice) is None
    assert send(bob) is not None  # the same thing may concern another person
    assert Notification.objects.count() == 2 and len(mail.outbox) == 1


def test_no_address_or_email_false_means_no_mail(alice, bob):
    bob.email = "bob@example.se"
    bob.save()
    assert send(alice).emailed_at is None
    assert send(bob, email=False).emailed_at is None
    assert not mail.outbox


def test_a_failing_mail_server_keeps_the_notice(alice, monkeypatch):
    alice.email = "alice@example.se"
    alice.save()

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(services, "send_mail", broken)
    notice = send(alice)
    assert Notification.objects.filter(pk=notice.pk, emailed_at__isnull=True).exists()


def test_unread_count_and_marking_read_only_own(alice, bob):
    first, _second = send(alice, key="a"), send(alice, key="b")
    send(bob, key="a")
    assert unread_count(alice) == 2 and list(notifications_for(bob).values_list("recipient__username", flat=True)) \
        == ["bob"]
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=first, actor=bob)
    notification_mark_read(notification=first, actor=alice)
    assert unread_count(alice) == 1 and unread_count(bob) == 1


def test_no_mail_when_the_transaction_rolls_back(alice):
    from django.db import transaction

    alice.email = "alice@example.se"
    alice.save()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        send(alice)
        assert not mail.outbox  # not inside the transaction
        raise Undone
    assert not mail.outbox and not Notification.objects.exists()


def test_the_mail_waits_for_the_outer_transaction(alice):
    from django.db import transaction

    alice.email = "alice@example.se"
    alice.save()
    with transaction.atomic():
        notice = send(alice)
        assert not mail.outbox and notice.emailed_at is None
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notice.pk).emailed_at is not None
