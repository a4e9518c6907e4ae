"""Delegation (delegationsordning): which decisions a caseworker may not take alone. Pure.

A rule matches a decision when every criterion the rule sets matches; an empty criterion matches anything.
A rule with no criterion at all matches every decision. Each match comes with a Swedish reason that the UI,
the API and the proposal show, so the caseworker learns the rules from the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.numbers import format_sek


@dataclass(frozen=True)
class Rule:
    pk: int | None
    law: str = ""
    intervention_code: str = ""
    annual_cost_above: Decimal | None = None
    description: str = ""


@dataclass(frozen=True)
class Case:
    """What the rules look at: the resulting decision's law, intervention code and annual cost."""

    law: str
    intervention_code: str
    annual_cost: Decimal


@dataclass(frozen=True)
class Match:
    rule: Rule
    reason: str


def rule_matches(rule: Rule, case: Case) -> bool:
    if rule.law and rule.law != case.law:
        return False
    if rule.intervention_code and rule.intervention_code != case.intervention_code:
        return False
    return rule.annual_cost_above is None or case.annual_cost > rule.annual_cost_above


def describe(rule: Rule) -> str:
    """The rule in words: "LSS, insats 6510, årskostnad över 1 000 000 kr"."""
    parts = []
    if rule.law:
        parts.append(rule.law)
    if rule.intervention_code:
        parts.append(f"insats {rule.intervention_code}")
    if rule.annual_cost_above is not None:
        parts.append(f"årskostnad över {format_sek(rule.annual_cost_above)}")
    return ", ".join(parts) or "alla beslut"


def reason(rule: Rule, case: Case) -> str:
    """Why the rule applies to this case, in Swedish."""
    text = describe(rule)
    if rule.annual_cost_above is not None:
        text += f" (beslutets årskostnad {format_sek(case.annual_cost)})"
    return f"{rule.description} – {text}" if rule.description else text


def matching(rules: list[Rule], case: Case) -> list[Match]:
    """The rules that put this case beyond a caseworker's delegation, in the order given."""
    return [Match(rule, reason(rule, case)) for rule in rules if rule_matches(rule, case)]
