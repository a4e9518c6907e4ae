"""Reading orders: which execution plans are missing on a date, for the worklist, the pages and the reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from insatskollen.orders.models import Order
from insatskollen.register.models import Decision


@dataclass(frozen=True)
class MissingPlan:
    order: Order
    overdue: bool
    days_overdue: int


def orders_without_plan(decisions: QuerySet[Decision], as_of: dt.date) -> QuerySet[Order]:
    """Orders sent by `as_of` whose plan had not come in by then, for decisions not ended before `as_of`.

    A plan received after `as_of` counts as missing on `as_of`, so the list can be asked about a past date.
    """
    return (
        Order.objects.filter(decision__in=decisions, ordered_on__lte=as_of)
        .filter(Q(plan_received_on__isnull=True) | Q(plan_received_on__gt=as_of))
        .exclude(decision__end_date__lt=as_of)
        .select_related("decision__client__team", "decision__intervention_type", "decision__caseworker",
                        "provider")
    )


def missing_plans(decisions: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
                  team: str | None = None) -> list[MissingPlan]:
    """Missing plans, overdue first (longest overdue first), then by due date; only those due by `until`."""
    qs = orders_without_plan(decisions, as_of)
    if until is not None:
        qs = qs.filter(plan_due__lte=until)
    if team:
        qs = qs.filter(decision__client__team__code=team)
    entries = [MissingPlan(order=o, overdue=o.plan_due < as_of, days_overdue=max(0, (as_of - o.plan_due).days))
               for o in qs]
    entries.sort(key=lambda e: (not e.overdue, e.order.plan_due, e.order.pk))
    return entries


def plan_items(qs: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
               team: str | None = None) -> list[dict]:
    """The `worklist plans` items: plain values, personnummer masked."""
    items = []
    for entry in missing_plans(qs, as_of, until, team):
        order, decision = entry.order, entry.order.decision
        client_team = decision.client.team
        items.append({
            "decision": decision.label,
            "order": order.pk,
            "provider": order.provider.name,
            "ordered_on": order.ordered_on.isoformat(),
            "plan_due": order.plan_due.isoformat(),
            "days_overdue": entry.days_overdue,
            "overdue": entry.overdue,
            "caseworker": decision.caseworker.username if decision.caseworker_id else "",
            "client": decision.client.masked_personal_number,
            "code": decision.intervention_type.code,
            "team": client_team.code if client_team else "",
        })
    return items


def orders_of(decision: Decision) -> QuerySet[Order]:
    return decision.orders.select_related("provider", "sent_by").order_by("-ordered_on", "-id")
