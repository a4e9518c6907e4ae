"""Writes for orders: ordering from the provider, registering the execution plan, and the daily reminders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.urls import NoReverseMatch, reverse

from insatskollen.accounts.models import Role, User
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.notifications.services import absolute_url, notification_email_digest, notification_send
from insatskollen.orders.models import Order, OrderStatus
from insatskollen.orders.selectors import missing_plans
from insatskollen.register.models import Decision, Provider
from insatskollen.register.periods import has_ended
from insatskollen.register.services import ensure_may_change_client

REMINDER_KIND = "execution_plan_overdue"


def plan_due_days() -> int:
    days = settings.EXECUTION_PLAN_DUE_DAYS
    if not isinstance(days, int) or days < 0:
        raise ImproperlyConfigured("EXECUTION_PLAN_DUE_DAYS måste vara ett heltal, 0 eller större.")
    return days


def plan_due_for(ordered_on: dt.date) -> dt.date:
    """The last day for the provider's execution plan: the order date plus EXECUTION_PLAN_DUE_DAYS."""
    return ordered_on + dt.timedelta(days=plan_due_days())


@transaction.atomic
def order_create(*, decision: Decision, actor, ordered_on: dt.date, provider: Provider | None = None) -> Order:
    """Order the decision's intervention from its provider (or `provider`). The plan is due after the set days."""
    ensure_may_change_client(actor, decision.client)
    provider = provider or decision.provider
    user_writes = getattr(actor, "is_authenticated", False)  # the demo's past orders are the system's
    if user_writes and has_ended(decision.end_date, timezone.localdate()):
        raise ValidationError(f"Beslut {decision.label} upphörde {decision.end_date.isoformat()}; ett avslutat "
                              "beslut beställs inte.")
    if ordered_on < decision.decision_date:
        raise ValidationError({"ordered_on": f"Beställningsdatum kan inte vara före beslutsdatum "
                                             f"({decision.decision_date.isoformat()})."})
    if decision.end_date is not None and ordered_on > decision.end_date:
        raise ValidationError({"ordered_on": f"Beslutet upphörde {decision.end_date.isoformat()}; "
                                             "en beställning kan inte göras efter det."})
    waiting = decision.orders.filter(provider=provider, status=OrderStatus.AWAITING_PLAN).first()
    if waiting is not None:
        raise ValidationError(f"Det finns redan en beställning till {provider.name} (beställd "
                              f"{waiting.ordered_on.isoformat()}) som väntar på genomförandeplan. "
                              "Registrera planen innan du beställer igen.")
    order = Order.objects.create(
        decision=decision, provider=provider, ordered_on=ordered_on, plan_due=plan_due_for(ordered_on),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action=AuditAction.ORDER_CREATED, object_type="order", object_id=order.pk,
                 client_id=decision.client_id,
                 summary=f"Beställning till {provider.name} för beslut {decision.label}",
                 detail={"decision": decision.label, "provider": provider.name,
                         "ordered_on": ordered_on, "plan_due": order.plan_due})
    return order


@transaction.atomic
def execution_plan_register(*, order: Order, actor, received_on: dt.date, note: str = "") -> Order:
    """Record that the provider's execution plan came in (or correct the date and note of one recorded)."""
    ensure_may_change_client(actor, order.decision.client)
    if received_on < order.ordered_on:
        raise ValidationError({"received_on": f"Planen kan inte ha kommit in före beställningen "
                                              f"({order.ordered_on.isoformat()})."})
    before = {"plan_received_on": order.plan_received_on, "plan_note": order.plan_note}
    order.plan_received_on, order.plan_note = received_on, note.strip()
    order.status = OrderStatus.PLAN_RECEIVED
    order.save(update_fields=["plan_received_on", "plan_note", "status"])
    audit_record(actor=actor, action=AuditAction.ORDER_CHANGED, object_type="order", object_id=order.pk,
                 client_id=order.decision.client_id,
                 summary=f"Genomförandeplan inkom {received_on.isoformat()} för beslut {order.decision.label}",
                 detail={"before": before,
                         "after": {"plan_received_on": received_on, "plan_note": order.plan_note}})
    return order


def _order_url(order: Order) -> str:
    try:
        return reverse("web:order_plan", args=[order.pk])
    except NoReverseMatch:  # the web app is not installed (e.g. a command-only deployment)
        return ""


def _recipients(order: Order, unit_heads: list[User]) -> list[User]:
    """The decision's caseworker; the unit heads when that caseworker has left (is no longer active)."""
    caseworker = order.decision.caseworker
    if caseworker is not None and caseworker.is_active:
        return [caseworker]
    return unit_heads


def plan_reminders_send(*, as_of: dt.date) -> dict[str, int]:
    """Notify each caseworker of their overdue execution plans: once per order, one e-mail per person and run.

    Safe to run every day (cron): an order already notified to a person is never notified to them again.
    """
    overdue = [e.order for e in missing_plans(Decision.objects.all(), as_of) if e.overdue]
    unit_heads = list(User.objects.filter(role=Role.UNIT_HEAD, is_active=True))
    by_recipient: dict[User, list[Order]] = defaultdict(list)
    for order in overdue:
        for recipient in _recipients(order, unit_heads):
            by_recipient[recipient].append(order)
    counts = {"overdue": len(overdue), "notified": 0, "recipients": 0, "emails": 0}
    for recipient, orders in by_recipient.items():
        with transaction.atomic():
            new = [notice for order in orders if (notice := _remind(recipient, order, as_of)) is not None]
            if not new:
                continue
            counts["notified"] += len(new)
            counts["recipients"] += 1
            counts["emails"] += notification_email_digest(
                recipient=recipient, notices=new,
                subject=(f"Insatskollen: {len(new)} genomförandeplaner har inte kommit in" if len(new) > 1
                         else "Insatskollen: en genomförandeplan har inte kommit in"),
                text=_digest_text(orders, new, as_of),
            )
    return counts


def _digest_text(orders: list[Order], notices: list, as_of: dt.date) -> str:
    """The reminder e-mail: decision ids, dates, providers and links; no client or intervention (e-mail is not
    a secure channel), the details are in the app."""
    notified = {n.key for n in notices}
    intro = (f"Följande genomförandeplaner var inte registrerade per {as_of.isoformat()} fast tidsfristen har "
             "gått ut. Kontakta utföraren och registrera planen i Insatskollen när den kommer in.")
    lines = [intro, ""]
    for order in orders:
        if _reminder_key(order) in notified:
            lines.append(f"• Beslut {order.decision.label}: {order.provider.name}, beställd "
                         f"{order.ordered_on.isoformat()}, plan senast {order.plan_due.isoformat()}")
            if url := _order_url(order):
                lines.append(f"  {absolute_url(url)}")
    return "\n".join(lines)


def _reminder_key(order: Order) -> str:
    return f"order:{order.pk}:plan-overdue"


def _remind(recipient: User, order: Order, as_of: dt.date):
    decision = order.decision
    return notification_send(
        recipient=recipient, kind=REMINDER_KIND,
        title=f"Genomförandeplan saknas: beslut {decision.label}, {decision.intervention_type.code} "
              f"{decision.intervention_type.name}, {order.provider.name}",
        body=(f"Beställd {order.ordered_on.isoformat()}, planen skulle ha kommit in senast "
              f"{order.plan_due.isoformat()} ({(as_of - order.plan_due).days} dagar sedan). "
              f"Klient {decision.client.masked_personal_number}."),
        url=_order_url(order), key=_reminder_key(order), email=False, client_id=decision.client_id,
    )
