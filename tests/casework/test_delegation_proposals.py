"""Decisions beyond a caseworker's delegation become proposals; the unit head approves or rejects them."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.casework.models import DelegationRule, Proposal
from insatskollen.casework.services import decision_submit, proposal_approve, proposal_reject
from insatskollen.register.models import Decision

JUNE_2025 = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
DAILY_PRICE = Decimal(3250)


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(JUNE_2025, tick=False)


@pytest.fixture
def expensive_lss(db):
    """Beyond delegation: LSS decisions costing more than one million kronor a year."""
    return DelegationRule.objects.create(law="LSS", annual_cost_above=Decimal(1_000_000),
                                         description="Dyra LSS-beslut")


def new_fields(client, kind, provider, caseworker, price=DAILY_PRICE):
    return {"client": client, "intervention_type": kind, "extent": Decimal(1), "unit": "dygn", "price": price,
            "provider": provider, "decision_date": dt.date(2025, 6, 16), "start_date": dt.date(2025, 7, 1),
            "caseworker": caseworker}


def test_caseworker_create_beyond_delegation_is_a_proposal_not_a_decision(alice, client_a, group_home, provider,
                                                                          expensive_lss):
    result = decision_submit(actor=alice, kind=Proposal.Kind.CREATE,
                             fields=new_fields(client_a, group_home, provider, alice))
    assert result.proposal is not None and result.decision is None
    assert Decision.objects.count() == 0
    # 3 250 kr a day × 365 days (2025) = 1 186 250 kr, above the 1 000 000 kr limit.
    assert result.proposal.annual_cost == DAILY_PRICE * 365
    assert "Dyra LSS-beslut" in result.message and result.message.startswith("Beslutet kräver sektionschefens")
    assert AuditEvent.objects.filter(action=AuditAction.PROPOSAL_CREATED, object_id=str(result.proposal.pk)).exists()


def test_within_delegation_is_written_at_once(alice, client_a, group_home, provider, expensive_lss):
    # 2 700 kr × 365 = 985 500 kr: below the limit.
    result = decision_submit(actor=alice, kind=Proposal.Kind.CREATE,
                             fields=new_fields(client_a, group_home, provider, alice, price=Decimal(2700)))
    assert result.proposal is None and result.decision.pk
    assert Proposal.objects.count() == 0


def test_a_rule_that_is_not_in_force_does_not_apply(alice, client_a, group_home, provider, expensive_lss):
    expensive_lss.active = False
    expensive_lss.save()
    result = decision_submit(actor=alice, kind=Proposal.Kind.CREATE,
                             fields=new_fields(client_a, group_home, provider, alice))
    assert result.proposal is None


def test_unit_head_and_admin_decisions_are_never_proposals(hanna, ada, alice, client_a, group_home, provider,
                                                           expensive_lss):
    for actor in (hanna, ada):
        result = decision_submit(actor=actor, kind=Proposal.Kind.CREATE,
                                 fields=new_fields(client_a, group_home, provider, alice))
        assert result.proposal is None
    assert Decision.objects.count() == 2


def test_approval_writes_the_decision_through_the_register(alice, hanna, client_a, group_home, provider,
                                                            expensive_lss):
    proposal = decision_submit(actor=alice, kind=Proposal.Kind.CREATE,
                               fields=new_fields(client_a, group_home, provider, alice)).proposal
    decision = proposal_approve(proposal=proposal, actor=hanna, note="Behovet är styrkt.")
    assert (decision.client, decision.price, decision.start_date, decision.caseworker) == (
        client_a, DAILY_PRICE, dt.date(2025, 7, 1), alice)
    assert decision.versions.get().changed_by == hanna
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.decision) == (Proposal.Status.APPROVED, hanna, decision)
    assert AuditEvent.objects.filter(action=AuditAction.PROPOSAL_APPROVED).count() == 1
    with pytest.raises(ValidationError):
        proposal_approve(proposal=proposal, actor=hanna)


def test_change_that_raises_cost_above_the_limit_waits_and_leaves_the_decision(alice, hanna, client_a,
                                                                              make_decision, expensive_lss):
    decision = make_decision(client_a, price=Decimal(2500))
    result = decision_submit(actor=alice, kind=Proposal.Kind.CHANGE, decision=decision,
                             fields={"price": Decimal(3000)})
    assert result.proposal is not None
    decision.refresh_from_db()
    assert decision.price == Decimal(2500)
    proposal_approve(proposal=result.proposal, actor=hanna)
    decision.refresh_from_db()
    assert decision.price == Decimal(3000)


def test_administrative_changes_need_no_approval(alice, client_a, make_decision, expensive_lss):
    decision = make_decision(client_a)  # 1 186 250 kr a year: beyond delegation
    result = decision_submit(actor=alice, kind=Proposal.Kind.CHANGE, decision=decision,
                             fields={"comment": "Ny kontaktperson hos utföraren"})
    assert result.proposal is None
    decision.refresh_from_db()
    assert decision.comment == "Ny kontaktperson hos utföraren"


def test_ending_an_expensive_decision_is_a_proposal_and_rejection_keeps_it(alice, hanna, client_a, make_decision,
                                                                           expensive_lss):
    decision = make_decision(client_a)
    proposal = decision_submit(actor=alice, kind=Proposal.Kind.END, decision=decision,
                               fields={"end_date": dt.date(2025, 8, 31)}).proposal
    with pytest.raises(ValidationError) as error:
        proposal_reject(proposal=proposal, actor=hanna, note="  ")
    assert "note" in error.value.message_dict
    proposal_reject(proposal=proposal, actor=hanna, note="Utred vidare först.")
    decision.refresh_from_db()
    assert decision.end_date is None
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == (Proposal.Status.REJECTED, "Utred vidare först.")
    assert AuditEvent.objects.filter(action=AuditAction.PROPOSAL_REJECTED).count() == 1


def test_only_the_unit_head_or_admin_may_decide_proposals(alice, carl, client_a, make_decision, expensive_lss):
    decision = make_decision(client_a)
    proposal = decision_submit(actor=alice, kind=Proposal.Kind.END, decision=decision,
                               fields={"end_date": dt.date(2025, 8, 31)}).proposal
    for actor in (alice, carl):
        with pytest.raises(PermissionDenied):
            proposal_approve(proposal=proposal, actor=actor)


def test_invalid_fields_are_refused_before_any_proposal(alice, client_a, make_decision, expensive_lss):
    decision = make_decision(client_a)
    with pytest.raises(ValidationError) as error:
        decision_submit(actor=alice, kind=Proposal.Kind.END, decision=decision,
                        fields={"end_date": dt.date(2024, 1, 1)})
    assert "end_date" in error.value.message_dict
    assert Proposal.objects.count() == 0


def test_a_caseworker_cannot_submit_for_another_teams_client(bob, client_a, make_decision, expensive_lss):
    decision = make_decision(client_a)
    with pytest.raises(PermissionDenied):
        decision_submit(actor=bob, kind=Proposal.Kind.END, decision=decision, fields={"end_date": dt.date(2025, 8, 31)})


def test_approving_a_change_does_not_undo_edits_made_while_it_waited(alice, hanna, client_a, make_decision,
                                                                    expensive_lss, home_help):
    decision = make_decision(client_a, price=Decimal(2500), comment="Före")
    # The form sends every field; only the price is a change.
    result = decision_submit(actor=alice, kind=Proposal.Kind.CHANGE, decision=decision,
                             fields={"price": Decimal(3000), "comment": "Före", "extent": Decimal(1)})
    assert result.proposal.fields == {"price": "3000"}
    decision_submit(actor=alice, kind=Proposal.Kind.CHANGE, decision=decision, fields={"comment": "Efter"})
    proposal_approve(proposal=result.proposal, actor=hanna)
    decision.refresh_from_db()
    assert (decision.price, decision.comment) == (Decimal(3000), "Efter")
