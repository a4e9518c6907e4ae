"""Reading case conferences: who may attend, which conferences a user sees, and each item's comparison panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from insatskollen.accounts import access
from insatskollen.accounts.models import Role, Team
from insatskollen.conferences.comparison import Comparison, Peer, compare, strip
from insatskollen.conferences.costs import full_year_costs
from insatskollen.conferences.models import AgendaItem, Conference
from insatskollen.core.numbers import format_number
from insatskollen.costing.selectors import ENGINE_FIELDS
from insatskollen.register.models import Decision

may_attend = access.may_attend_conferences  # the rule lives in accounts.access


def may_lead(user) -> bool:
    """Closing a conference (marking it held): the unit head and admins."""
    return bool(user.is_authenticated and (access.is_admin(user) or user.role == Role.UNIT_HEAD))


def teams_visible_to(user) -> QuerySet[Team]:
    teams = access.team_ids_visible(user)
    qs = Team.objects.order_by("name")
    return qs if teams is None else qs.filter(pk__in=teams)


def conferences_visible_to(user) -> QuerySet[Conference]:
    teams = access.team_ids_visible(user)
    qs = Conference.objects.select_related("team")
    return qs if teams is None else qs.filter(team_id__in=teams)


def with_counts(qs: QuerySet[Conference]) -> QuerySet[Conference]:
    return qs.annotate(item_count=Count("items"), treated_count=Count("items", filter=~Q(items__outcome="")))


def week_overview(user, this_week: dt.date, weeks: int = 4) -> list[dict]:
    """Per visible team: this and the coming weeks, each with its conference (or None when not prepared)."""
    teams = list(teams_visible_to(user))
    last = this_week + dt.timedelta(weeks=weeks - 1)
    found = {(c.team_id, c.week_start): c for c in with_counts(
        conferences_visible_to(user).filter(week_start__range=(this_week, last)))}
    starts = [this_week + dt.timedelta(weeks=n) for n in range(weeks)]
    return [{"team": team, "weeks": [{"week_start": day, "week_number": day.isocalendar().week,
                                      "conference": found.get((team.pk, day))} for day in starts]}
            for team in teams]


@dataclass(frozen=True)
class CaseFigures:
    """What the comparison panel compares: the case's code, level, unit, extent and full-year cost."""

    intervention_type_id: int
    level: str
    unit: str
    extent: Decimal | None
    annual_cost: Decimal | None
    decision_id: int | None


def _decimal(value) -> Decimal | None:
    try:
        return None if value in (None, "") else Decimal(str(value))
    except ArithmeticError:
        return None


def case_figures(item: AgendaItem, decision_costs: dict[int, Decimal]) -> CaseFigures:
    """The figures of the case as the item proposes it: a proposal's proposed extent, a review's new extent,
    otherwise the decision as it stands."""
    decision = item.decision
    level = decision.level if decision else ""
    unit = decision.unit if decision else (item.intervention_type.unit or "")
    extent = decision.extent if decision else None
    cost = decision_costs.get(decision.pk) if decision else None
    if item.proposal_id:
        fields = item.proposal.fields or {}
        level = str(fields.get("level", level) or "")
        unit = str(fields.get("unit", unit) or "")
        extent = _decimal(fields.get("extent", extent))
        cost = item.proposal.annual_cost
    elif item.review_id:
        review = item.review
        extent = review.extent_after if review.extent_after is not None else review.extent_before
        cost = review.annual_cost_after
    return CaseFigures(item.intervention_type_id, level, unit, extent, cost, item.decision_id)


def _peers(type_ids: set[int], day: dt.date) -> dict[tuple, list[tuple[int, Peer]]]:
    rows = list(Decision.objects.filter(intervention_type_id__in=type_ids, start_date__lte=day)
                .exclude(end_date__lt=day).values("id", "intervention_type_id", "level", *ENGINE_FIELDS))
    groups: dict[tuple, list[tuple[int, Peer]]] = {}
    for row, cost in zip(rows, full_year_costs(rows, day.year), strict=True):
        key = (row["intervention_type_id"], row["level"] or "", row["unit"])
        groups.setdefault(key, []).append((row["id"], Peer(row["extent"], cost)))
    return groups


def comparisons_for(items: list[AgendaItem], day: dt.date) -> dict[int, Comparison]:
    """Each item's comparison with the unit's similar cases active on `day` (two queries in all)."""
    if not items:
        return {}
    decisions = [i.decision for i in items if i.decision]
    decision_costs = dict(zip([d.pk for d in decisions],
                              full_year_costs([{f: getattr(d, f) for f in ENGINE_FIELDS} for d in decisions],
                                              day.year), strict=True))
    figures = {item.pk: case_figures(item, decision_costs) for item in items}
    groups = _peers({f.intervention_type_id for f in figures.values()}, day)
    result = {}
    for pk, case in figures.items():
        peers = [peer for decision_id, peer in groups.get((case.intervention_type_id, case.level, case.unit), [])
                 if decision_id != case.decision_id]
        result[pk] = compare(case.extent, case.annual_cost, peers)
    return result


def agenda_items(conference: Conference) -> list[AgendaItem]:
    return list(conference.items.select_related(
        "client", "decision__caseworker", "decision__provider", "proposal__proposed_by", "review",
        "policy_question__raised_by", "intervention_type", "recorded_by").order_by("position", "id"))


def agenda_groups(conference: Conference) -> list[dict]:
    """The agenda grouped by intervention type, in position order; each item with `.comparison` and `.strip`."""
    items = agenda_items(conference)
    comparisons = comparisons_for(items, conference.week_start)
    groups: list[dict] = []
    for item in items:
        item.comparison = comparisons[item.pk]
        item.strip = strip(item.comparison)
        if not groups or groups[-1]["intervention_type"].pk != item.intervention_type_id:
            groups.append({"intervention_type": item.intervention_type, "items": []})
        groups[-1]["items"].append(item)
    return groups


def item_facts(item: AgendaItem) -> dict[str, str]:
    """The item's who and what for the page and the PDF; the personnummer masked."""
    decision, proposal = item.decision, item.proposal
    if proposal is not None and decision is None:
        caseworker = proposal.proposed_by
    else:
        caseworker = decision.caseworker if decision else None
    extent = ""
    if decision is not None:
        extent = f"{format_number(decision.extent, 2)} {decision.unit}"
    return {
        "decision": decision.label if decision else "Nytt beslut (förslag)",
        "client": item.client.masked_personal_number,
        "caseworker": caseworker.display_name if caseworker else "",
        "extent": extent,
        "level": decision.level if decision and decision.level else "",
    }
