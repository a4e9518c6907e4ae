"""The demo's budget for housing (6510) and daily activity (6330) is its allocation: the year's original budget of
each code is the figure the Resursfördelning page shows, to the öre; other activities keep their budget."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from insatskollen.ledger.models import BudgetKind, BudgetLine

pytestmark = pytest.mark.django_db


def test_the_demo_budget_follows_its_allocation():
    call_command("seed_demo", "--clients", "60", "--years", "2", stdout=io.StringIO(), stderr=io.StringIO())
    year = timezone.localdate().year - 1
    out = io.StringIO()
    call_command("allocation", "--year", str(year), "--as-of", f"{year}-12-31", "--json", stdout=out)
    groups = {g["insatskoder"][0]: g["allocation"] for g in json.loads(out.getvalue())["groups"]}
    assert set(groups) == {"6510", "6330"}
    for code, allocation in groups.items():
        budget = BudgetLine.objects.filter(year=year, activity=code, kind=BudgetKind.ORIGINAL).aggregate(
            total=Sum("amount"))["total"]
        assert float(budget) == pytest.approx(allocation, abs=0.005), code
        assert BudgetLine.objects.filter(year=year, activity=code, kind=BudgetKind.ORIGINAL).count() == 12
    assert BudgetLine.objects.filter(year=year, kind=BudgetKind.ORIGINAL).exclude(
        activity__in=list(groups)).exists()
