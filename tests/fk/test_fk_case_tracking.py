"""Tracking FK cases: application, decision, appeal of a refusal, and a retroactive claim with its amounts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.fk.models import FkCase, FkCaseKind, FkOutcome
from insatskollen.fk.selectors import claim_totals, fk_cases, fk_cases_visible_to
from insatskollen.fk.services import fk_case_decide, fk_case_register


def test_application_refused_then_appealed_and_granted_on_appeal(client_a, alice):
    application = fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.APPLICATION,
                                   submitted_on=dt.date(2025, 1, 15), note="Grundläggande behov 35 h/v")
    fk_case_decide(case=application, actor=alice, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 4, 2))
    appeal = fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.APPEAL, parent=application,
                              submitted_on=dt.date(2025, 4, 20))
    fk_case_decide(case=appeal, actor=alice, outcome=FkOutcome.GRANTED, decided_on=dt.date(2025, 9, 1),
                   hours_granted=Decimal("35.5"))
    appeal.refresh_from_db()
    assert appeal.parent == application and list(application.follow_ups.all()) == [appeal]
    assert (appeal.outcome, appeal.decided_on, appeal.hours_granted) == (
        FkOutcome.GRANTED, dt.date(2025, 9, 1), Decimal("35.5"))
    events = AuditEvent.objects.filter(action=AuditAction.FK_CASE_CHANGED, client_id=client_a.pk)
    assert events.count() == 4 and all(e.actor == alice for e in events)


def test_retroactive_claim_expected_and_received(client_a, alice):
    claim = fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.RETROACTIVE_CLAIM,
                             submitted_on=dt.date(2025, 5, 1), expected_amount=Decimal(480000))
    open_claim = fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.RETROACTIVE_CLAIM,
                                  submitted_on=dt.date(2025, 6, 1), expected_amount=Decimal(120000))
    fk_case_decide(case=claim, actor=alice, outcome=FkOutcome.PARTLY, decided_on=dt.date(2025, 8, 1),
                   received_amount=Decimal(300000))
    totals = claim_totals(list(FkCase.objects.all()))
    assert totals.expected_all == Decimal(480000 + 120000)
    assert totals.expected_open == open_claim.expected_amount
    assert totals.received == Decimal(300000)


@pytest.mark.parametrize(("kind", "extra", "field"), [
    (FkCaseKind.RETROACTIVE_CLAIM, {}, "expected_amount"),
    (FkCaseKind.APPEAL, {}, "parent"),
    (FkCaseKind.APPLICATION, {"expected_amount": Decimal(-1)}, "expected_amount"),
])
def test_bad_registrations_are_refused(client_a, alice, kind, extra, field):
    with pytest.raises(ValidationError) as raised:
        fk_case_register(client=client_a, actor=alice, kind=kind, submitted_on=dt.date(2025, 5, 1), **extra)
    assert field in raised.value.message_dict
    assert not FkCase.objects.exists()


def test_a_granted_case_cannot_be_appealed_and_a_decided_one_not_decided_again(client_a, alice):
    case = fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.APPLICATION,
                            submitted_on=dt.date(2025, 1, 15))
    with pytest.raises(ValidationError) as raised:
        fk_case_decide(case=case, actor=alice, outcome=FkOutcome.GRANTED, decided_on=dt.date(2025, 1, 1))
    assert "decided_on" in raised.value.message_dict
    fk_case_decide(case=case, actor=alice, outcome=FkOutcome.GRANTED, decided_on=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        fk_case_register(client=client_a, actor=alice, kind=FkCaseKind.APPEAL, parent=case,
                         submitted_on=dt.date(2025, 3, 5))
    with pytest.raises(ValidationError):
        fk_case_decide(case=case, actor=alice, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 3, 2))


def test_other_team_and_controller_may_not_register(client_a, bob, carl):
    for person in (bob, carl):
        with pytest.raises(PermissionDenied):
            fk_case_register(client=client_a, actor=person, kind=FkCaseKind.APPLICATION,
                             submitted_on=dt.date(2025, 1, 1))


def test_cases_visible_per_team_open_first(client_a, client_b, alice, bob, hanna):
    old = fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPLICATION, submitted_on=dt.date(2025, 1, 1))
    fk_case_decide(case=old, actor=None, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 2, 1))
    older_open = fk_case_register(client=client_a, actor=None, kind=FkCaseKind.RETROACTIVE_CLAIM,
                                  submitted_on=dt.date(2024, 12, 1), expected_amount=Decimal(1))
    other = fk_case_register(client=client_b, actor=None, kind=FkCaseKind.APPLICATION,
                             submitted_on=dt.date(2025, 1, 1))
    assert fk_cases(fk_cases_visible_to(alice)) == [older_open, old]
    assert list(fk_cases_visible_to(bob)) == [other]
    assert set(fk_cases(fk_cases_visible_to(hanna), open_only=True)) == {older_open, other}
