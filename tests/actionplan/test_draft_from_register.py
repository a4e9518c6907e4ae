"""A draft from the database: the figures are frozen, add up, and name the new decisions masked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from insatskollen.actionplan.causes import NEW
from insatskollen.actionplan.selectors import plan_draft
from insatskollen.actionplan.services import action_plan_redraft
from insatskollen.audit.models import AuditAction, AuditEvent


def test_the_draft_adds_up_and_lists_the_largest_new_decision_first(plan):
    draft = plan_draft(plan)
    assert sum((c.amount for c in draft.causes), Decimal(0)) == draft.change
    assert draft.budget_net == Decimal(2_400_000)
    new = draft.cause(NEW)
    assert [c.decision for c in new.cases] == ["B-BIG", "B-SMALL"]
    # B-BIG: 4 000 kr a day from 1 March 2026: 306 days this year.
    assert new.cases[0].after == Decimal(306 * 4000)
    assert new.cases[0].client == "19950704-****"
    assert draft.last_year_source == "register"
    assert draft.last_year_net == Decimal(365 * 3250)  # B-OLD all of 2025


def test_drafting_is_audited(plan, hanna):
    event = AuditEvent.objects.get(action=AuditAction.ACTION_PLAN_CHANGED, object_id=str(plan.pk))
    assert event.actor == hanna


def test_redrafting_refreshes_the_figures_and_keeps_the_texts(plan, hanna, make_decision, client_a):
    plan.actions = "Bevaka individuella avtal."
    plan.save()
    before = plan_draft(plan).cause(NEW).count
    make_decision(client_a, external_id="B-LATE", decision_date=dt.date(2026, 5, 20), start_date=dt.date(2026, 6, 1))
    plan = action_plan_redraft(plan=plan, actor=hanna)
    assert plan_draft(plan).cause(NEW).count == before + 1
    assert plan.actions == "Bevaka individuella avtal."
    assert AuditEvent.objects.filter(action=AuditAction.ACTION_PLAN_CHANGED, object_id=str(plan.pk)).count() == 2
