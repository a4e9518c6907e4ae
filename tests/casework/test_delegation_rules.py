"""The delegation matcher: which rules put a decision beyond a caseworker's delegation, and why (pure)."""

from decimal import Decimal

from insatskollen.casework.delegation import Case, Rule, matching

GROUP_HOME = Case(law="LSS", intervention_code="6510", annual_cost=Decimal(1186250))
HOME_HELP = Case(law="SoL", intervention_code="6115", annual_cost=Decimal(120000))


def test_every_criterion_a_rule_sets_must_match():
    rule = Rule(pk=1, law="LSS", intervention_code="6510")
    assert [m.rule for m in matching([rule], GROUP_HOME)] == [rule]
    assert matching([Rule(pk=2, law="SoL", intervention_code="6510")], GROUP_HOME) == []
    assert matching([Rule(pk=3, law="LSS", intervention_code="6520")], GROUP_HOME) == []


def test_annual_cost_must_be_strictly_above_the_limit():
    at_limit = Rule(pk=1, annual_cost_above=GROUP_HOME.annual_cost)
    just_below = Rule(pk=2, annual_cost_above=GROUP_HOME.annual_cost - Decimal("0.01"))
    assert matching([at_limit], GROUP_HOME) == []
    assert [m.rule.pk for m in matching([at_limit, just_below], GROUP_HOME)] == [2]


def test_empty_criteria_match_anything_and_law_alone_narrows():
    everything = Rule(pk=1)
    sol_only = Rule(pk=2, law="SoL")
    assert [m.rule.pk for m in matching([everything, sol_only], HOME_HELP)] == [1, 2]
    assert [m.rule.pk for m in matching([everything, sol_only], GROUP_HOME)] == [1]


def test_reasons_are_swedish_and_name_the_rule_and_the_cost():
    rule = Rule(pk=1, law="LSS", annual_cost_above=Decimal(1_000_000), description="Dyra LSS-beslut")
    [match] = matching([rule], GROUP_HOME)
    text = match.reason.replace("\xa0", " ")
    assert text.startswith("Dyra LSS-beslut")
    assert "årskostnad över 1 000 000 kr" in text
    assert "beslutets årskostnad 1 186 250 kr" in text
    assert "insats 6510" in matching([Rule(pk=2, intervention_code="6510")], GROUP_HOME)[0].reason


def test_admin_changes_to_rules_are_audited(admin_client, db):
    from django.urls import reverse

    from insatskollen.audit.models import AuditAction, AuditEvent

    response = admin_client.post(reverse("admin:casework_delegationrule_add"),
                                 {"law": "LSS", "annual_cost_above": "1000000", "description": "Dyra LSS-beslut",
                                  "active": "on"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.DELEGATION_CHANGED)
    assert "Dyra LSS-beslut" in event.summary and "årskostnad över 1" in event.detail["rule"]
