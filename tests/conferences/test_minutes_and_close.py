"""Minutes per item, closing a conference, and raising policy questions: validated, locked when held, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.conferences.models import AgendaItem, PolicyQuestion
from insatskollen.conferences.services import (
    agenda_item_minutes_record,
    conference_close,
    conference_prepare,
    policy_question_raise,
)

from .conftest import WEEK


@pytest.fixture
def flagged(tuesday, team_a, alice, client_a, make_decision):
    decision = make_decision(client_a, external_id="B-FLAG")
    return policy_question_raise(client=client_a, decision=decision, actor=alice, text="Gäller riktlinjen här?")


@pytest.fixture
def item(flagged, team_a, hanna):
    return conference_prepare(team=team_a, week=WEEK, actor=hanna).items.get()


def test_raising_a_policy_question_is_audited_as_a_flagged_case(flagged, alice, client_a):
    event = AuditEvent.objects.get(action=AuditAction.CASE_FLAGGED)
    assert event.actor == alice and event.client_id == client_a.pk
    assert event.detail["text"] == "Gäller riktlinjen här?"
    assert "198703121239" not in event.summary


def test_a_policy_question_needs_text_and_the_clients_own_decision(tuesday, alice, client_a, client_b,
                                                                   make_decision, bob):
    with pytest.raises(ValidationError) as error:
        policy_question_raise(client=client_a, actor=alice, text="   ")
    assert "Beskriv principfrågan." in str(error.value)
    other = make_decision(client_b, caseworker=bob)
    with pytest.raises(ValidationError):
        policy_question_raise(client=client_a, decision=other, actor=alice, text="Fråga")
    assert not PolicyQuestion.objects.exists()


def test_minutes_are_recorded_and_audited(item, alice, hanna):
    agenda_item_minutes_record(item=item, actor=alice, minutes="Principen gäller. Bifall.",
                               outcome=AgendaItem.Outcome.GRANTED)
    item.refresh_from_db()
    assert (item.minutes, item.outcome, item.recorded_by) == ("Principen gäller. Bifall.", "bifall", alice)
    event = AuditEvent.objects.filter(action=AuditAction.CONFERENCE_CHANGED, object_type="agenda_item").get()
    assert event.client_id == item.client_id and event.detail["after"]["outcome"] == "bifall"


def test_bad_minutes_change_nothing(item, hanna):
    for minutes, outcome in (("", ""), ("x", "kanske"), ("x" * 5001, "")):
        with pytest.raises(ValidationError):
            agenda_item_minutes_record(item=item, actor=hanna, minutes=minutes, outcome=outcome)
    item.refresh_from_db()
    assert item.minutes == "" and item.outcome == ""
    assert not AuditEvent.objects.filter(object_type="agenda_item").exists()


def test_closing_resolves_settled_policy_questions_and_locks_the_minutes(item, flagged, hanna):
    agenda_item_minutes_record(item=item, actor=hanna, minutes="Noteras", outcome=AgendaItem.Outcome.NOTED)
    conference = conference_close(conference=item.conference, actor=hanna, held_on=WEEK + dt.timedelta(1))
    assert conference.is_held and conference.held_on == WEEK + dt.timedelta(1)
    flagged.refresh_from_db()
    assert flagged.resolved
    with pytest.raises(ValidationError):
        agenda_item_minutes_record(item=item, actor=hanna, minutes="Ändrat i efterhand", outcome="")
    assert AuditEvent.objects.filter(action=AuditAction.CONFERENCE_CHANGED, object_type="conference").count() == 2


def test_a_referred_back_question_stays_open(item, flagged, hanna):
    agenda_item_minutes_record(item=item, actor=hanna, minutes="Utred mer", outcome=AgendaItem.Outcome.REFERRED_BACK)
    conference_close(conference=item.conference, actor=hanna, held_on=WEEK + dt.timedelta(1))
    flagged.refresh_from_db()
    assert not flagged.resolved


def test_closing_date_must_be_in_the_week_and_not_in_the_future(item, hanna):
    for held_on in (WEEK + dt.timedelta(3), WEEK - dt.timedelta(8)):  # Thursday is after "today" (Tuesday)
        with pytest.raises(ValidationError):
            conference_close(conference=item.conference, actor=hanna, held_on=held_on)
    item.conference.refresh_from_db()
    assert not item.conference.is_held
