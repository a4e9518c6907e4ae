"""Continuation decisions made by the earlier review rule are merged back into their decision by the migration:
one decision, the same cost in every month as known on any date, orders and history moved along."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from insatskollen.casework.merging import merge_continuations
from insatskollen.costing.selectors import year_summary
from insatskollen.orders.models import Order
from insatskollen.orders.services import order_create
from insatskollen.register.models import Decision, DecisionTerm
from insatskollen.register.services import decision_create, decision_end, start_of_day

pytestmark = pytest.mark.django_db
REVIEWED = dt.date(2025, 6, 16)


@pytest.fixture
def old_shape(make_decision, client_a, home_help, alice):
    """What the old rule wrote for a review reducing 20 → 12 hours a week from 1 July 2025."""
    original = make_decision(client_a, external_id="B-HH", intervention_type=home_help, unit="tim/vecka",
                             extent=Decimal(20), price=Decimal(350), decision_date=dt.date(2024, 5, 2),
                             start_date=dt.date(2024, 5, 2))
    decision_end(decision=original, actor=None, end_date=dt.date(2025, 6, 30), known_at=start_of_day(REVIEWED))
    continuation = decision_create(
        actor=None, known_at=start_of_day(REVIEWED), client=client_a, intervention_type=home_help, unit="tim/vecka",
        extent=Decimal(12), price=Decimal(350), provider=original.provider, caseworker=alice,
        external_id="B-HH-20250616", decision_date=REVIEWED, start_date=dt.date(2025, 7, 1),
        last_review_date=REVIEWED, comment="Fortsättning på beslut B-HH efter omprövning 2025-06-16.")
    order_create(decision=continuation, actor=None, ordered_on=dt.date(2025, 6, 20))
    return original


def readings() -> list:
    return [year_summary(None, 2025, cutoff=cutoff).months
            for cutoff in (None, start_of_day(dt.date(2025, 6, 1)), start_of_day(dt.date(2025, 6, 17)))]


def test_the_continuation_becomes_part_of_its_decision_and_no_figure_moves(old_shape):
    before = readings()
    assert merge_continuations(apps) == 1

    assert list(Decision.objects.values_list("external_id", flat=True)) == ["B-HH"]
    assert readings() == before
    merged = Decision.objects.get()
    assert (merged.extent, merged.end_date, merged.last_review_date) == (Decimal(12), None, REVIEWED)
    assert [v.number for v in merged.versions.order_by("number")] == [1, 2, 3]
    last = merged.versions.get(number=3)
    assert (last.event, last.valid_from) == ("merged", dt.date(2025, 7, 1))
    assert merged.version == 3
    assert Order.objects.get().decision_id == merged.pk
    current = DecisionTerm.objects.filter(decision=merged, known_to__isnull=True).order_by("valid_from")
    assert [(t.valid_from, t.valid_to, t.extent) for t in current] == [
        (dt.date(2024, 5, 2), dt.date(2025, 6, 30), Decimal(20)), (dt.date(2025, 7, 1), None, Decimal(12))]


def test_a_register_without_continuations_is_left_alone(decision_a):
    assert merge_continuations(apps) == 0
    assert Decision.objects.count() == 1
