"""Creating an order: the execution plan is due a configurable number of days after the order date."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.orders.models import Order, OrderStatus
from insatskollen.orders.services import execution_plan_register, order_create


def test_plan_due_follows_the_configured_days(settings, decision_a, alice):
    settings.EXECUTION_PLAN_DUE_DAYS = 21
    order = order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 20))
    assert order.plan_due == dt.date(2025, 2, 10)  # 20 January + 21 days
    assert order.provider == decision_a.provider and order.sent_by == alice
    assert order.status == OrderStatus.AWAITING_PLAN


def test_default_is_fourteen_days(decision_a, alice):
    order = order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 25))
    assert order.plan_due == dt.date(2025, 2, 8)


def test_order_is_audited_with_the_client(decision_a, alice):
    order = order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 20))
    event = AuditEvent.objects.get(action=AuditAction.ORDER_CREATED)
    assert (event.object_id, event.client_id, event.actor) == (str(order.pk), decision_a.client_id, alice)


def test_order_before_the_decision_date_is_refused(decision_a, alice):
    with pytest.raises(ValidationError) as caught:
        order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 9))
    assert "ordered_on" in caught.value.message_dict
    assert not Order.objects.exists()


def test_order_after_the_decision_ended_is_refused(make_decision, client_a, alice):
    ended = make_decision(client_a, end_date=dt.date(2025, 3, 31))
    with pytest.raises(ValidationError):
        order_create(decision=ended, actor=alice, ordered_on=dt.date(2025, 4, 1))


def test_a_second_order_waiting_for_a_plan_is_refused_until_the_plan_is_in(decision_a, alice):
    first = order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 20))
    with pytest.raises(ValidationError):
        order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 21))
    execution_plan_register(order=first, actor=alice, received_on=dt.date(2025, 1, 30))
    assert order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 5, 2)).pk != first.pk


def test_another_team_and_the_controller_may_not_order(decision_a, bob, carl):
    for actor in (bob, carl):
        with pytest.raises(PermissionDenied):
            order_create(decision=decision_a, actor=actor, ordered_on=dt.date(2025, 1, 20))
    assert not Order.objects.exists()


def test_registering_the_plan(decision_a, alice, place_order):
    order = place_order(decision_a, "2025-01-20")
    execution_plan_register(order=order, actor=alice, received_on=dt.date(2025, 2, 3), note="  Saknar mål  ")
    order.refresh_from_db()
    assert (order.plan_received_on, order.plan_note, order.status) == (
        dt.date(2025, 2, 3), "Saknar mål", OrderStatus.PLAN_RECEIVED)
    event = AuditEvent.objects.get(action=AuditAction.ORDER_CHANGED)
    assert event.detail["after"]["plan_received_on"] == "2025-02-03"
    assert event.detail["before"]["plan_received_on"] is None


def test_a_plan_cannot_arrive_before_the_order(decision_a, alice, place_order):
    order = place_order(decision_a, "2025-01-20")
    with pytest.raises(ValidationError) as caught:
        execution_plan_register(order=order, actor=alice, received_on=dt.date(2025, 1, 19))
    assert "received_on" in caught.value.message_dict
    order.refresh_from_db()
    assert order.plan_received_on is None


def test_a_negative_configuration_is_refused_loudly(settings, decision_a, alice):
    settings.EXECUTION_PLAN_DUE_DAYS = -1
    with pytest.raises(ImproperlyConfigured):
        order_create(decision=decision_a, actor=alice, ordered_on=dt.date(2025, 1, 20))
    assert not Order.objects.exists()
