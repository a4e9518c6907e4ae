"""Daily reminders: each caseworker is told of their overdue plans once, in the app and in one e-mail."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.notifications.models import Notification
from insatskollen.orders.services import execution_plan_register, plan_reminders_send

AS_OF = dt.date(2025, 3, 15)
# Real commits: each person's e-mail goes after the transaction that stored their reminders has committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def with_email(alice, bob, hanna):
    for user in (alice, bob, hanna):
        user.email = f"{user.username}@example.se"
        user.save()


def test_each_caseworker_gets_their_own_overdue_plans(with_email, make_decision, client_a, client_b, alice, bob,
                                                      place_order):
    a1 = place_order(make_decision(client_a, external_id="A1"), "2025-02-01")
    a2 = place_order(make_decision(client_a, external_id="A2"), "2025-02-20")
    place_order(make_decision(client_a, external_id="A3"), "2025-03-10")     # due 03-24: not yet overdue
    b1 = place_order(make_decision(client_b, external_id="B1", caseworker=bob), "2025-01-15")

    counts = plan_reminders_send(as_of=AS_OF)

    assert counts == {"overdue": 3, "notified": 3, "recipients": 2, "emails": 2}
    assert sorted(Notification.objects.filter(recipient=alice).values_list("key", flat=True)) == sorted(
        [f"order:{a1.pk}:plan-overdue", f"order:{a2.pk}:plan-overdue"])
    assert list(Notification.objects.filter(recipient=bob).values_list("key", flat=True)) == [
        f"order:{b1.pk}:plan-overdue"]
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"alice@example.se", "bob@example.se"}
    assert "A1" in by_address["alice@example.se"].body and "A2" in by_address["alice@example.se"].body
    assert "B1" not in by_address["alice@example.se"].body
    assert by_address["alice@example.se"].subject == "Insatskollen: 2 genomförandeplaner har inte kommit in"
    assert by_address["bob@example.se"].subject == "Insatskollen: en genomförandeplan har inte kommit in"
    assert f"/bestallningar/{a1.pk}/plan/" in by_address["alice@example.se"].body
    alice_mail = by_address["alice@example.se"].body
    # e-mail is not a secure channel: no personnummer (not even masked) and no intervention, only ids and links
    assert client_a.masked_personal_number not in alice_mail and "Gruppbostad" not in alice_mail
    assert "Gruppbostad" in Notification.objects.filter(recipient=alice).first().title  # the app has the details
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.NOTIFICATION_SENT).count() == 3


def test_running_again_notifies_nothing_twice(with_email, decision_a, alice, place_order):
    place_order(decision_a, "2025-02-01")
    plan_reminders_send(as_of=AS_OF)
    again = plan_reminders_send(as_of=AS_OF + dt.timedelta(days=1))
    assert again == {"overdue": 1, "notified": 0, "recipients": 0, "emails": 0}
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_a_new_overdue_plan_later_is_notified_alone(with_email, make_decision, client_a, alice, place_order):
    place_order(make_decision(client_a, external_id="OLD"), "2025-02-01")
    plan_reminders_send(as_of=AS_OF)
    place_order(make_decision(client_a, external_id="NEW"), "2025-03-10")   # due 03-24
    plan_reminders_send(as_of=dt.date(2025, 3, 25))
    assert Notification.objects.count() == 2
    assert "NEW" in mail.outbox[1].body and "OLD" not in mail.outbox[1].body


def test_received_plans_are_not_reminded(with_email, decision_a, alice, place_order):
    order = place_order(decision_a, "2025-02-01")
    execution_plan_register(order=order, actor=alice, received_on=dt.date(2025, 3, 1))
    assert plan_reminders_send(as_of=AS_OF)["overdue"] == 0
    assert not Notification.objects.exists() and not mail.outbox


def test_a_departed_caseworkers_plans_go_to_the_unit_head(with_email, decision_a, alice, hanna, place_order):
    place_order(decision_a, "2025-02-01")
    alice.is_active = False
    alice.save()
    plan_reminders_send(as_of=AS_OF)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["hanna"]
    assert [m.to for m in mail.outbox] == [["hanna@example.se"]]


def test_without_an_address_the_notice_is_stored_but_not_mailed(decision_a, alice, place_order):
    place_order(decision_a, "2025-02-01")
    assert plan_reminders_send(as_of=AS_OF)["emails"] == 0
    notice = Notification.objects.get(recipient=alice)
    assert notice.emailed_at is None and not mail.outbox


def test_the_cron_command(with_email, decision_a, place_order):
    place_order(decision_a, "2025-02-01")
    out = StringIO()
    call_command("send_plan_reminders", "--as-of", "2025-03-15", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"as_of": "2025-03-15", "overdue": 1, "notified": 1, "recipients": 1,
                                          "emails": 1}


def test_the_cron_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="--as-of"):
        call_command("send_plan_reminders", "--as-of", "15/3", stdout=StringIO())
