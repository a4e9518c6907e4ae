"""What to do this week (for the start page): one's own reviews overdue or due within 7 days, and proposals."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from insatskollen.casework.models import DelegationRule, Proposal
from insatskollen.casework.selectors import week_for
from insatskollen.casework.services import decision_submit

TODAY = dt.date(2025, 6, 16)


def test_week_for_caseworker_and_unit_head(db, time_machine, alice, bob, hanna, client_a, client_b, make_decision):
    time_machine.move_to(dt.datetime(2025, 6, 16, 10, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    make_decision(client_a, decision_date=dt.date(2024, 5, 1), start_date=dt.date(2024, 5, 1))  # overdue
    make_decision(client_a, decision_date=dt.date(2024, 6, 20), start_date=dt.date(2024, 6, 20))  # due in 4 days
    make_decision(client_a, decision_date=dt.date(2024, 6, 24), start_date=dt.date(2024, 6, 24))  # in 8 days
    make_decision(client_b, caseworker=bob, decision_date=dt.date(2024, 5, 1), start_date=dt.date(2024, 5, 1))
    DelegationRule.objects.create(annual_cost_above=Decimal(1_000_000))
    decision = make_decision(client_a, decision_date=dt.date(2025, 3, 1), start_date=dt.date(2025, 3, 1))
    decision_submit(actor=alice, kind=Proposal.Kind.END, decision=decision, fields={"end_date": dt.date(2025, 9, 30)})

    mine = week_for(alice, TODAY)
    assert (mine["reviews_overdue"], mine["reviews_due_this_week"], mine["proposals_pending"]) == (1, 1, 1)
    assert week_for(bob, TODAY)["proposals_pending"] == 0
    unit = week_for(hanna, TODAY)
    assert (unit["reviews_overdue"], unit["reviews_due_this_week"], unit["proposals_pending"]) == (2, 1, 1)
