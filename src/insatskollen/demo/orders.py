"""Demo orders: every decision that started in the last six months was ordered from its provider; most
providers sent their execution plan (some late), a few never did — the 2007 review's complaint (§3.5.2)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from insatskollen.orders.services import execution_plan_register, order_create, plan_due_days
from insatskollen.register.models import Decision

LOOKBACK_DAYS = 183
SHARE_NEVER_SENT = 0.15   # plans that never come in
SHARE_LATE = 0.25         # of those that come in: after the deadline
NOTES = ("", "", "", "Mål saknas för fritid; kompletteras.", "Planen följs upp vid omprövning.",
         "Upprättad tillsammans med god man.")


def seed_orders(*, today: dt.date, seed: int) -> dict[str, int]:
    """Orders for the decisions started in the last ~6 months; deterministic for `seed`. Counts for the report."""
    rng = random.Random(f"orders-{seed}")
    days = plan_due_days()
    decisions = (Decision.objects.filter(start_date__gt=today - dt.timedelta(days=LOOKBACK_DAYS),
                                         start_date__lte=today, decision_date__lte=today)
                 .exclude(orders__isnull=False).select_related("client", "provider").order_by("pk"))
    counts = {"orders": 0, "plans_received": 0, "plans_missing": 0, "plans_overdue": 0}
    with transaction.atomic():
        for decision in decisions:
            latest = min(today, decision.end_date) if decision.end_date else today
            ordered_on = min(decision.decision_date + dt.timedelta(days=rng.randint(0, 7)), latest)
            order = order_create(decision=decision, actor=None, ordered_on=ordered_on)
            counts["orders"] += 1
            if rng.random() < SHARE_NEVER_SENT:
                received_on = None
            elif rng.random() < SHARE_LATE:
                received_on = order.plan_due + dt.timedelta(days=rng.randint(1, 30))
            else:
                received_on = ordered_on + dt.timedelta(days=rng.randint(2, max(days, 2)))
            if received_on is not None and received_on <= today:
                execution_plan_register(order=order, actor=None, received_on=received_on, note=rng.choice(NOTES))
                counts["plans_received"] += 1
            else:
                counts["plans_missing"] += 1
                counts["plans_overdue"] += order.plan_due < today
    return counts
