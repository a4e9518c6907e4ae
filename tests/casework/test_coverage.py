"""Review coverage for the year against the 100 % goal: who is in scope, who counts as reviewed, per group."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from insatskollen.casework.coverage import coverage, in_scope
from insatskollen.casework.models import ReviewOutcome
from insatskollen.casework.selectors import coverage_for
from insatskollen.casework.services import review_record
from insatskollen.register.models import Decision

AS_OF = dt.date(2025, 11, 30)


def row(decided, *, end=None, reviewed=None, team="A", caseworker="Alice", review_years=()):
    return {"decision_date": decided, "start_date": decided, "end_date": end, "last_review_date": reviewed,
            "team": team, "caseworker": caseworker, "review_years": review_years}


def test_scope_excludes_new_decisions_and_those_ended_before_their_review_fell_due():
    assert in_scope(row(dt.date(2024, 3, 1)), 2025, AS_OF)
    assert not in_scope(row(dt.date(2025, 2, 1)), 2025, AS_OF)  # decided this year
    assert not in_scope(row(dt.date(2023, 3, 1), end=dt.date(2024, 12, 31)), 2025, AS_OF)  # ended last year
    assert not in_scope(row(dt.date(2024, 9, 1), end=dt.date(2025, 4, 30)), 2025, AS_OF)  # due 2025-09-01
    assert in_scope(row(dt.date(2024, 3, 1), end=dt.date(2025, 4, 30)), 2025, AS_OF)  # overdue when it ended
    assert in_scope(row(dt.date(2024, 9, 1), end=dt.date(2025, 4, 30), reviewed=dt.date(2025, 4, 1)), 2025, AS_OF)


def test_shares_per_unit_team_and_caseworker_lowest_first():
    rows = [
        row(dt.date(2024, 1, 5), reviewed=dt.date(2025, 1, 5)),
        row(dt.date(2024, 2, 5), reviewed=dt.date(2024, 12, 1)),  # reviewed last year: not this year
        row(dt.date(2024, 3, 5), review_years=(2025,)),  # a review recorded this year
        row(dt.date(2023, 3, 5), team="B", caseworker="Bob"),
        row(dt.date(2025, 3, 5), team="B", caseworker="Bob"),  # out of scope
    ]
    result = coverage(rows, 2025, AS_OF)
    assert (result.unit.in_scope, result.unit.reviewed, result.unit.missing) == (4, 2, 2)
    assert result.unit.pct == Decimal("50.0")
    assert [(s.label, s.reviewed, s.in_scope) for s in result.teams] == [("B", 0, 1), ("A", 2, 3)]
    assert result.caseworkers[-1].pct == Decimal("66.7") and not result.caseworkers[-1].meets_goal


def test_from_the_database_a_recorded_review_counts(db, time_machine, alice, client_a, client_b, bob, make_decision):
    time_machine.move_to(dt.datetime(2025, 6, 16, 10, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    reviewed = make_decision(client_a, decision_date=dt.date(2024, 2, 1), start_date=dt.date(2024, 2, 1))
    make_decision(client_a, decision_date=dt.date(2024, 8, 1), start_date=dt.date(2024, 8, 1))
    make_decision(client_b, caseworker=bob, decision_date=dt.date(2024, 3, 1), start_date=dt.date(2024, 3, 1))
    make_decision(client_b, caseworker=bob, decision_date=dt.date(2025, 3, 1), start_date=dt.date(2025, 3, 1))
    review_record(decision=reviewed, actor=alice, outcome=ReviewOutcome.UNCHANGED, reviewed_on=dt.date(2025, 6, 2))
    result = coverage_for(Decision.objects.all(), 2025, dt.date(2025, 6, 16))
    assert (result.unit.reviewed, result.unit.in_scope) == (1, 3)
    assert {(s.label, s.reviewed, s.in_scope) for s in result.caseworkers} == {
        ("Alice Andersson", 1, 2), ("Bob Berg", 0, 1)}
