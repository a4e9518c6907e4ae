"""The demo's casework: delegation rules from the catalogue codes, and reviews recorded deterministically."""

import datetime as dt
from zoneinfo import ZoneInfo

from insatskollen.casework.models import DelegationRule, ReviewRecord
from insatskollen.demo.casework import seed_casework


def test_rules_and_reviews_are_seeded_deterministically(db, time_machine, client_a, make_decision):
    time_machine.move_to(dt.datetime(2025, 6, 16, 10, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    for month in range(1, 13):
        make_decision(client_a, decision_date=dt.date(2023, month, 1), start_date=dt.date(2023, month, 1))
    counts = seed_casework(today=dt.date(2025, 6, 16), seed=7)
    # Of the catalogue codes only 6510 exists here (group_home): its rule and the rule by cost alone apply.
    assert counts["delegation_rules"] == DelegationRule.objects.count() == 2
    assert counts["reviews_recorded"] == ReviewRecord.objects.count() > 0
    first = sorted(ReviewRecord.objects.values_list("decision_id", "reviewed_on"))
    assert all(day <= dt.date(2025, 6, 16) for _, day in first)
    ReviewRecord.objects.all().delete()
    for decision_id, _ in first:
        from insatskollen.register.models import Decision

        Decision.objects.filter(pk=decision_id).update(last_review_date=None)
    assert seed_casework(today=dt.date(2025, 6, 16), seed=7) == counts
    assert sorted(ReviewRecord.objects.values_list("decision_id", "reviewed_on")) == first
