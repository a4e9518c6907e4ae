"""The proposed agenda picks exactly the four kinds of case and leaves routine cases out (counted)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.casework.models import ReviewOutcome
from insatskollen.conferences.agenda import propose_agenda
from insatskollen.conferences.models import AgendaItem
from insatskollen.conferences.services import policy_question_raise

from .conftest import WEEK, make_proposal, make_review

Kind = AgendaItem.Kind


@pytest.fixture
def week_of_cases(tuesday, team_a, team_b, alice, bob, new_client, make_decision, group_home, home_help):
    """Team A's week: one case of each kind, two routine cases, and cases that must not appear."""
    older = {"decision_date": dt.date(2024, 6, 3), "start_date": dt.date(2024, 6, 3)}
    cases = {
        # 3 250 kr/dygn over 365 days = 1 186 250 kr a year: above the 1 000 000 kr threshold.
        "high_cost": make_decision(new_client(team_a), external_id="HIGH", decision_date=WEEK + dt.timedelta(1),
                                   start_date=WEEK + dt.timedelta(1)),
        # 10 h/week at 400 kr: 10 * 400 * 365 / 7 = 208 571 kr a year: routine.
        "routine": make_decision(new_client(team_a), external_id="ROUTINE", intervention_type=home_help,
                                 unit="tim/vecka", extent=Decimal(10), price=Decimal(400),
                                 decision_date=WEEK, start_date=WEEK),
        "reviewed": make_decision(new_client(team_a), external_id="REDUCED", intervention_type=home_help,
                                  unit="tim/vecka", extent=Decimal(30), price=Decimal(400), **older),
        "unchanged": make_decision(new_client(team_a), external_id="UNCHANGED", **older),
        "flagged": make_decision(new_client(team_a), external_id="FLAGGED", intervention_type=home_help,
                                 unit="tim/vecka", extent=Decimal(5), price=Decimal(400), **older),
        # Decided two weeks ago, before this agenda's period (no earlier conference): not listed.
        "too_early": make_decision(new_client(team_a), external_id="EARLY", decision_date=WEEK - dt.timedelta(14),
                                   start_date=WEEK - dt.timedelta(14)),
        "other_team": make_decision(new_client(team_b), external_id="TEAM-B", caseworker=bob,
                                    decision_date=WEEK, start_date=WEEK),
    }
    make_review(decision=cases["reviewed"], reviewed_on=WEEK + dt.timedelta(2), extent_after=Decimal(20))
    make_review(decision=cases["unchanged"], reviewed_on=WEEK, outcome=ReviewOutcome.UNCHANGED)
    cases["proposal"] = make_proposal(client=new_client(team_a), intervention_type=group_home, proposed_by=alice,
                                      annual_cost=Decimal(1300000), fields={"extent": "1", "unit": "dygn"})
    make_proposal(client=new_client(team_b), intervention_type=group_home, proposed_by=bob, annual_cost=2_000_000)
    cases["question"] = policy_question_raise(client=cases["flagged"].client, decision=cases["flagged"], actor=alice,
                                              text="Ska hemtjänst beviljas för promenader?")
    return cases


def test_agenda_holds_one_case_of_each_kind(week_of_cases, team_a):
    agenda = propose_agenda(team_a, WEEK)
    by_kind = {item.kind: item for item in agenda.items}
    assert sorted(by_kind) == sorted(Kind.values) and len(agenda.items) == 4
    assert by_kind[Kind.NEW_HIGH_COST].decision_id == week_of_cases["high_cost"].pk
    assert by_kind[Kind.REVIEW_CHANGE].decision_id == week_of_cases["reviewed"].pk
    assert by_kind[Kind.BEYOND_DELEGATION].proposal_id == week_of_cases["proposal"].pk
    assert by_kind[Kind.POLICY_QUESTION].policy_question_id == week_of_cases["question"].pk


def test_routine_cases_are_left_out_and_counted(week_of_cases, team_a):
    agenda = propose_agenda(team_a, WEEK)
    listed = {item.decision_id for item in agenda.items}
    assert week_of_cases["routine"].pk not in listed and week_of_cases["unchanged"].pk not in listed
    assert week_of_cases["too_early"].pk not in listed and week_of_cases["other_team"].pk not in listed
    # The decision taken this week below the threshold, and the review that changed nothing.
    assert agenda.routine_count == 2
    assert agenda.routine_decisions == sorted([week_of_cases["routine"].pk, week_of_cases["unchanged"].pk])


def test_the_high_cost_title_gives_the_full_year_cost(week_of_cases, team_a):
    item = next(i for i in propose_agenda(team_a, WEEK).items if i.kind == Kind.NEW_HIGH_COST)
    expected = Decimal(3250) * 365
    assert item.annual_cost == expected
    assert "1 186 250" in item.title.replace("\xa0", " ")


def test_threshold_is_a_setting(week_of_cases, team_a, settings):
    settings.CONFERENCE_HIGH_COST_THRESHOLD = Decimal(1200000)
    kinds = [item.kind for item in propose_agenda(team_a, WEEK).items]
    assert Kind.NEW_HIGH_COST not in kinds
    assert propose_agenda(team_a, WEEK).routine_count == 3


def test_a_case_is_listed_once_under_its_first_kind(week_of_cases, team_a, alice):
    policy_question_raise(client=week_of_cases["high_cost"].client, decision=week_of_cases["high_cost"],
                          actor=alice, text="Principiellt dyr placering")
    items = [i for i in propose_agenda(team_a, WEEK).items if i.decision_id == week_of_cases["high_cost"].pk]
    assert [i.kind for i in items] == [Kind.POLICY_QUESTION]


def test_above_the_codes_90th_percentile_counts_as_high_cost(tuesday, team_a, new_client, make_decision, home_help):
    hours = {"intervention_type": home_help, "unit": "tim/vecka", "price": Decimal(400)}
    for _ in range(10):
        make_decision(new_client(team_a), extent=Decimal(5), decision_date=dt.date(2024, 1, 8),
                      start_date=dt.date(2024, 1, 8), **hours)
    # Starting on Tuesday, these two are not among the cases active on Monday that set the percentile.
    usual = make_decision(new_client(team_a), extent=Decimal(5), decision_date=WEEK, start_date=WEEK + dt.timedelta(1),
                          **hours)
    large = make_decision(new_client(team_a), extent=Decimal(20), decision_date=WEEK,
                          start_date=WEEK + dt.timedelta(1), **hours)
    agenda = propose_agenda(team_a, WEEK)
    assert [i.decision_id for i in agenda.items] == [large.pk]
    assert "90:e percentilen" in agenda.items[0].title
    assert usual.pk in agenda.routine_decisions
