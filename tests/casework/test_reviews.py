"""The review planner: due dates, the sample's expected list, and the pure rules."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from insatskollen.casework.reviews import next_review_due
from insatskollen.casework.selectors import review_items
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision


def test_due_twelve_months_after_the_later_of_decision_and_review():
    assert next_review_due(dt.date(2024, 3, 1), None) == dt.date(2025, 3, 1)
    assert next_review_due(dt.date(2024, 3, 1), dt.date(2024, 9, 15)) == dt.date(2025, 9, 15)
    assert next_review_due(dt.date(2024, 3, 1), dt.date(2023, 1, 1)) == dt.date(2025, 3, 1)
    assert next_review_due(dt.date(2024, 2, 29), None) == dt.date(2025, 2, 28)


@pytest.mark.django_db
def test_register_small_reviews_match_expected_exactly(fixtures_dir):
    expected = json.loads((fixtures_dir / "expected.json").read_text())["register_small"][
        "reviews_as_of_2025_06_30_due_by_2025_09_30"]
    register_import(fixtures_dir / "register_small.xlsx", actor=None)
    items = review_items(Decision.objects.all(), dt.date(2025, 6, 30), dt.date(2025, 9, 30))
    assert [(i["decision"], i["due"], i["annual_cost"]) for i in items] == [
        (e["decision"], e["due"], e["annual_cost_2025"]) for e in expected]
    assert all(i["overdue"] == (i["due"] < "2025-06-30") for i in items)
    assert all("*" in i["client"] or "X" in i["client"] for i in items)


def test_until_defaults_to_as_of_and_ended_decisions_drop_out(db, client_a, make_decision):
    make_decision(client_a, external_id="B-OLD", decision_date=dt.date(2024, 1, 10), start_date=dt.date(2024, 2, 1))
    make_decision(client_a, external_id="B-ENDED", decision_date=dt.date(2023, 1, 10),
                  start_date=dt.date(2023, 2, 1), end_date=dt.date(2025, 5, 31))
    make_decision(client_a, external_id="B-SOON", decision_date=dt.date(2024, 8, 1), start_date=dt.date(2024, 8, 1))
    as_of = dt.date(2025, 6, 30)
    assert [i["decision"] for i in review_items(Decision.objects.all(), as_of)] == ["B-OLD"]
    later = review_items(Decision.objects.all(), as_of, dt.date(2025, 9, 30))
    assert {i["decision"] for i in later} == {"B-OLD", "B-SOON"}
    assert [i["overdue"] for i in sorted(later, key=lambda i: i["decision"])] == [True, False]


def test_most_expensive_first(db, client_a, make_decision):
    make_decision(client_a, external_id="B-CHEAP", price=Decimal(1000), decision_date=dt.date(2024, 1, 1),
                  start_date=dt.date(2024, 1, 1))
    make_decision(client_a, external_id="B-DEAR", price=Decimal(5000), decision_date=dt.date(2024, 5, 1),
                  start_date=dt.date(2024, 5, 1))
    items = review_items(Decision.objects.all(), dt.date(2025, 6, 30))
    assert [i["decision"] for i in items] == ["B-DEAR", "B-CHEAP"]
    assert items[0]["annual_cost"] == 5000 * 365
