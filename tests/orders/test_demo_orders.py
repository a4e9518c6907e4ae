"""Demo orders on top of a small demo unit: plausible, deterministic for a seed, through the services."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from insatskollen.demo.orders import seed_orders
from insatskollen.orders.models import Order

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(Order.objects.values_list("decision__external_id", "ordered_on", "plan_due", "plan_received_on"))


def test_seed_orders_is_plausible_and_deterministic():
    call_command("seed_demo", "--clients", "60", "--years", "1", stdout=io.StringIO(), stderr=io.StringIO())
    today = timezone.localdate()
    Order.objects.all().delete()  # seed_demo made its own (seed 1)
    counts = seed_orders(today=today, seed=3)
    orders = list(Order.objects.select_related("decision"))
    assert counts["orders"] == len(orders) > 0
    assert counts["plans_received"] + counts["plans_missing"] == counts["orders"]
    assert counts["plans_received"] > counts["plans_missing"]      # most providers send their plan
    assert all(o.decision.decision_date <= o.ordered_on <= today for o in orders)
    assert all(o.plan_received_on is None or o.ordered_on <= o.plan_received_on <= today for o in orders)
    overdue = sum(1 for o in orders if o.plan_received_on is None and o.plan_due < today)
    assert counts["plans_overdue"] == overdue
    assert seed_orders(today=today, seed=3)["orders"] == 0          # already ordered: nothing doubled
    first = snapshot()
    Order.objects.all().delete()
    seed_orders(today=today, seed=3)
    assert snapshot() == first
