"""Reads for the action plan: the figures a draft is computed from, and the plans themselves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from insatskollen.accounts.models import Unit
from insatskollen.actionplan.causes import CLAIMS_RULE, SIX_MONTHS, CaseLine, Cause, Draft, compose
from insatskollen.actionplan.models import ActionPlan
from insatskollen.allocation import lost
from insatskollen.allocation.models import LevelRequest, SpecialClaim
from insatskollen.allocation.selectors import allocation_for, rates_for
from insatskollen.costing.selectors import ENGINE_FIELDS
from insatskollen.forecasting.registry import method
from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.models import LedgerEntry
from insatskollen.ledger.selectors import ledger_figures
from insatskollen.register.models import InterventionType
from insatskollen.register.selectors import decision_case_labels, decision_states_known_on


def action_plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.select_related("created_by", "updated_by")


def _states(day: dt.date, codes: dict[int, str]) -> dict[int, dict]:
    """Each decision as known at the end of `day`: its latest terms, first and last day, and its term periods."""
    rows = decision_states_known_on(day, fields=ENGINE_FIELDS + ("intervention_type_id",))
    return {r["decision_id"]: dict(r, code=codes.get(r["intervention_type_id"], "")) for r in rows}


def _last_year_ledger_net(year: int) -> Decimal | None:
    """Last year's net from the ledger when it has that year's twelve months, else None (use the register)."""
    months = ledger_figures(year - 1) if LedgerEntry.objects.filter(period__year=year - 1).exists() else {}
    if len(months) < 12:
        return None
    return sum((f.net for f in months.values()), Decimal(0))


def draft_figures(year: int, as_of: dt.date) -> Draft:
    """The causes of the year's deviation as known on `as_of`: forecast (its recommended method), last year's
    net, and the register as known at last year's end and on `as_of`."""
    result = forecast(year, as_of)
    figures = result.methods[result.recommended]
    types = InterventionType.objects.values_list("pk", "code", "name")
    codes = {pk: code for pk, code, _ in types}
    names = {code: name for _, code, name in types}
    after = _states(as_of, codes)
    before = _states(min(as_of, dt.date(year - 1, 12, 31)), codes)
    # A decision recorded after last year's end that ran last year: its later state stands for last year too.
    for key, state in after.items():
        if key not in before and state["start_date"] < dt.date(year, 1, 1):
            before[key] = state
    labels = decision_case_labels(after)
    unit_name = Unit.objects.order_by("id").values_list("name", flat=True).first() or "Beställarenheten"
    draft = compose(year=year, states_before=before, states_after=after, labels=labels, names=names,
                    forecast_net=figures.net, last_year_net=_last_year_ledger_net(year), as_of=as_of,
                    unit_name=unit_name, budget_net=result.budget_net,
                    forecast_method=method(result.recommended).document_name)
    draft.allocation_causes = allocation_causes(year, as_of)
    return draft


def allocation_causes(year: int, as_of: dt.date) -> list[Cause]:
    """The two allocation causes of the year as known on `as_of` (`allocation.lost`), each with its cases; none
    when no schablon is imported for the year."""
    rates = rates_for(year)
    if not rates.yearly:
        return []
    result = allocation_for(year, as_of)
    claims = [lost.ClaimRecord(c.client_id, c.intervention_type.code, c.measurement_date, c.kind,
                               c.get_kind_display(), c.amount_claimed)
              for c in SpecialClaim.objects.filter(measurement_date__year=year).select_related("intervention_type")]
    requests = [lost.RequestRecord(r.client_id, r.intervention_type.code, r.requested_level, r.need_increased_on,
                                   r.status if r.status != "refused" or (r.decided_on and r.decided_on <= as_of)
                                   else "pending", r.decided_on)
                for r in LevelRequest.objects.filter(need_increased_on__lte=as_of).exclude(status="granted")
                .select_related("intervention_type")]
    decisions_of = {(p.person, p.code): p.decisions for p in result.persons}
    found = {CLAIMS_RULE: lost.claims_lost(claims, year), SIX_MONTHS: lost.increases_unpaid(result, rates, requests)}
    ids = {d for cases in found.values() for case in cases for d in (case.decisions or
                                                                      decisions_of.get((case.person, case.code), []))}
    labels = decision_case_labels(ids)
    names = dict(InterventionType.objects.values_list("code", "name"))
    causes = []
    for kind, cases in found.items():
        lines = []
        for case in cases:
            decision = next(iter(case.decisions or decisions_of.get((case.person, case.code), [])), None)
            label, client = labels.get(decision, ("–", "–"))
            lines.append(CaseLine(decision=label, client=client, intervention=f"{case.code} {names.get(case.code, '')}",
                                  amount=case.amount, note="; ".join(case.notes)))
        causes.append(Cause(kind=kind, amount=sum((c.amount for c in cases), Decimal(0)), count=len(cases),
                            cases=lines))
    return causes


def plan_draft(plan: ActionPlan) -> Draft:
    """The plan's frozen figures."""
    return Draft.from_json(plan.content)
