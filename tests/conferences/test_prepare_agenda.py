"""Preparing a conference: grouped by intervention type, idempotent, keeps minutes, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.casework.models import Proposal
from insatskollen.conferences.models import AgendaItem, Conference
from insatskollen.conferences.services import agenda_item_minutes_record, conference_close, conference_prepare

from .conftest import WEEK, make_proposal, make_review


@pytest.fixture
def cases(tuesday, team_a, alice, new_client, make_decision, group_home, home_help):
    older = {"decision_date": dt.date(2024, 6, 3), "start_date": dt.date(2024, 6, 3)}
    hours = {"intervention_type": home_help, "unit": "tim/vecka", "price": Decimal(400)}
    return {
        "home_help_review": make_review(
            decision=make_decision(new_client(team_a), extent=Decimal(30), **hours, **older),
            reviewed_on=WEEK, extent_after=Decimal(20)),
        "group_home_new": make_decision(new_client(team_a), decision_date=WEEK, start_date=WEEK),
        "home_help_proposal": make_proposal(client=new_client(team_a), intervention_type=home_help,
                                            proposed_by=alice, annual_cost=Decimal(900000)),
        "group_home_proposal": make_proposal(client=new_client(team_a), intervention_type=group_home,
                                             proposed_by=alice, annual_cost=Decimal(1400000)),
    }


def test_items_are_grouped_by_intervention_type(cases, team_a, hanna):
    conference = conference_prepare(team=team_a, week=WEEK + dt.timedelta(days=2), actor=hanna)
    assert conference.week_start == WEEK
    codes = [item.intervention_type.code for item in conference.items.order_by("position")]
    assert codes == ["6115", "6115", "6510", "6510"]
    kinds = [item.kind for item in conference.items.order_by("position")]
    # Within a group: beyond delegation before the other kinds.
    assert kinds == [AgendaItem.Kind.BEYOND_DELEGATION, AgendaItem.Kind.REVIEW_CHANGE,
                     AgendaItem.Kind.BEYOND_DELEGATION, AgendaItem.Kind.NEW_HIGH_COST]
    assert [item.position for item in conference.items.order_by("position")] == [1, 2, 3, 4]


def test_preparing_again_adds_no_duplicates_and_keeps_minutes(cases, team_a, hanna, alice, new_client,
                                                              make_decision):
    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    minuted = conference.items.get(proposal=cases["group_home_proposal"])
    agenda_item_minutes_record(item=minuted, actor=hanna, minutes="Bifalls enligt förslaget.",
                               outcome=AgendaItem.Outcome.GRANTED)
    # Both proposals are decided before the agenda is refreshed; a new high-cost decision arrives.
    Proposal.objects.filter(pk__in=[cases["group_home_proposal"].pk, cases["home_help_proposal"].pk]).update(
        status=Proposal.Status.APPROVED)
    newcomer = make_decision(new_client(team_a), decision_date=WEEK + dt.timedelta(1),
                             start_date=WEEK + dt.timedelta(1))
    conference_prepare(team=team_a, week=WEEK, actor=hanna)
    conference_prepare(team=team_a, week=WEEK, actor=hanna)

    items = list(conference.items.order_by("position"))
    keys = [item.source_key for item in items]
    assert len(keys) == len(set(keys)) == 4
    assert f"proposal:{cases['home_help_proposal'].pk}" not in keys  # no minutes: removed
    kept = conference.items.get(pk=minuted.pk)
    assert kept.minutes == "Bifalls enligt förslaget." and kept.outcome == AgendaItem.Outcome.GRANTED
    assert f"decision:{newcomer.pk}" in keys
    assert Conference.objects.filter(team=team_a).count() == 1


def test_preparing_is_audited_with_the_routine_count(cases, team_a, hanna, new_client, make_decision, home_help):
    make_decision(new_client(team_a), intervention_type=home_help, unit="tim/vecka", extent=Decimal(2),
                  price=Decimal(400), decision_date=WEEK, start_date=WEEK)
    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    assert conference.routine_count == 1
    event = AuditEvent.objects.get(action=AuditAction.CONFERENCE_CHANGED, object_id=str(conference.pk))
    assert event.actor == hanna and "1 rutinärenden utelämnade" in event.summary
    assert event.detail["items"] == 4


def test_a_held_conference_cannot_be_prepared_again(cases, team_a, hanna):
    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    conference_close(conference=conference, actor=hanna, held_on=WEEK + dt.timedelta(1))
    with pytest.raises(ValidationError):
        conference_prepare(team=team_a, week=WEEK, actor=hanna)


def test_next_weeks_period_starts_after_the_held_conference_and_carries_untreated_cases(
        cases, team_a, hanna, time_machine):
    conference = conference_prepare(team=team_a, week=WEEK, actor=hanna)
    review_item = conference.items.get(kind=AgendaItem.Kind.REVIEW_CHANGE)
    high_cost_item = conference.items.get(kind=AgendaItem.Kind.NEW_HIGH_COST)
    agenda_item_minutes_record(item=review_item, actor=hanna, minutes="Noteras.", outcome=AgendaItem.Outcome.NOTED)
    conference_close(conference=conference, actor=hanna, held_on=WEEK + dt.timedelta(1))

    time_machine.move_to(dt.datetime(2025, 3, 25, 12, 0), tick=False)
    following = conference_prepare(team=team_a, week=WEEK + dt.timedelta(weeks=1), actor=hanna)
    keys = set(following.items.values_list("source_key", flat=True))
    # The review was dealt with; the high-cost decision was not reached and comes back; the pending
    # proposals are still pending.
    assert review_item.source_key not in keys
    assert high_cost_item.source_key in keys
    assert f"proposal:{cases['group_home_proposal'].pk}" in keys
