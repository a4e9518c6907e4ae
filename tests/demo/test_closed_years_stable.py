"""On the demo unit, every closed year's cost as known when its December closed equals today's reading, decision by
decision, except the decisions a correction was recorded for afterwards; and January's indexation does not reach
back into December."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from insatskollen.costing.selectors import year_summary
from insatskollen.demo.generator import generate_demo
from insatskollen.demo.loader import load_demo
from insatskollen.register.models import ClosedMonth, DecisionVersion
from insatskollen.register.services import decision_timeline
from insatskollen.register.timeline import terms_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    data = generate_demo(seed=5, clients=150, years=3, today=timezone.localdate())
    load_demo(data, force=True)
    return data


def test_each_closed_year_as_known_at_its_close_differs_from_today_only_by_corrections(demo):
    assert demo.full_years
    assert DecisionVersion.objects.filter(is_correction=True).exists()  # late-reported ends correct closed months
    for year in demo.full_years:
        closing = ClosedMonth.objects.get(month=dt.date(year, 12, 1)).closed_at
        then = year_summary(None, year, by="beslut", cutoff=closing)
        now = year_summary(None, year, by="beslut")
        moved = {key for key in set(then.by) | set(now.by) if then.by.get(key) != now.by.get(key)}
        corrected = {str(pk) for pk in DecisionVersion.objects.filter(
            is_correction=True, known_at__gt=closing, affects_from__lte=dt.date(year, 12, 31)
        ).values_list("decision_id", flat=True)}
        assert moved <= corrected, (year, sorted(moved - corrected)[:5])
        assert (then.total == now.total) == (not moved)


def test_the_january_indexation_leaves_december_at_last_years_price(demo):
    year = demo.full_years[-1] + 1
    january = dt.date(year, 1, 1)
    indexed = list(DecisionVersion.objects.filter(event="indexation", valid_from=january)
                   .filter(decision__start_date__lt=january).exclude(decision__end_date__lt=january)
                   .select_related("decision")[:50])
    assert indexed
    for version in indexed:
        timeline = decision_timeline(version.decision_id)
        old, new = (Decimal(v) for v in version.changes["price"])
        assert terms_on(timeline, january - dt.timedelta(days=1))["price"] == old
        if version.decision.versions.filter(valid_from=january).count() == 1:
            assert terms_on(timeline, january)["price"] == new
