"""The casework worklists from the register: reviews (due, coverage, the week's work) and level thresholds.

Each list takes a queryset of decisions (already narrowed to what the reader may see) and returns plain dicts,
ready for JSON or a template.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.casework.coverage import Coverage, coverage
from insatskollen.casework.models import Proposal, ReviewRecord
from insatskollen.casework.reviews import ReviewDue, reviews_due
from insatskollen.casework.thresholds import threshold_just_above
from insatskollen.costing.selectors import ENGINE_FIELDS
from insatskollen.fk.saving import hours_per_week
from insatskollen.register.models import Decision
from insatskollen.register.selectors import decisions_visible_to


def _row(decision: Decision) -> dict:
    row = {f: getattr(decision, f) for f in ENGINE_FIELDS}
    row.update(decision_date=decision.decision_date, last_review_date=decision.last_review_date, decision=decision)
    return row


def _base(qs: QuerySet[Decision], team: str | None) -> QuerySet[Decision]:
    qs = qs.select_related("client__team", "intervention_type", "caseworker", "provider", "contract")
    return qs.filter(client__team__code=team) if team else qs


def _active(qs: QuerySet[Decision], as_of: dt.date) -> QuerySet[Decision]:
    return qs.filter(start_date__lte=as_of).exclude(end_date__lt=as_of)


def _describe(decision: Decision) -> dict:
    team = decision.client.team
    return {
        "decision": decision.label,
        "client": decision.client.masked_personal_number,
        "code": decision.intervention_type.code,
        "caseworker": decision.caseworker.username if decision.caseworker_id else "",
        "team": team.code if team else "",
    }


def reviews_for(qs: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
                team: str | None = None, caseworker_id: int | None = None) -> list[ReviewDue]:
    """The reviews due by `until`, most expensive first; each `.row["decision"]` is the Decision."""
    qs = _active(_base(qs, team), as_of)
    if caseworker_id:
        qs = qs.filter(caseworker_id=caseworker_id)
    return reviews_due([_row(d) for d in qs], as_of, until)


def pending_proposal_decisions(qs: QuerySet[Decision]) -> set[int]:
    """Ids of the decisions (of `qs`) with a proposal waiting for the unit head."""
    return set(Proposal.objects.filter(status=Proposal.Status.PENDING, decision__in=qs)
               .values_list("decision_id", flat=True))


def coverage_for(qs: QuerySet[Decision], year: int, as_of: dt.date) -> Coverage:
    """Review coverage for `year` as of `as_of` (see casework.coverage for the definition)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = qs.filter(decision_date__lt=first, start_date__lte=min(as_of, last)).exclude(end_date__lt=first)
    qs = qs.select_related("client__team", "caseworker")
    reviewed = set(ReviewRecord.objects.filter(decision__in=qs, reviewed_on__year=year)
                   .values_list("decision_id", flat=True))
    rows = [{"decision_date": d.decision_date, "start_date": d.start_date, "end_date": d.end_date,
             "last_review_date": d.last_review_date, "review_years": (year,) if d.pk in reviewed else (),
             "team": d.client.team.name if d.client.team_id else "",
             "caseworker": d.caseworker.display_name if d.caseworker_id else ""} for d in qs]
    return coverage(rows, year, as_of)


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """A caseworker sees the own team's proposals; the unit head and admins all; others none."""
    qs = Proposal.objects.select_related("client__team", "decision", "intervention_type", "proposed_by",
                                         "decided_by")
    if not access.may_change_decisions(user):
        return qs.none()
    teams = access.team_ids_visible(user)
    return qs if teams is None else qs.filter(client__team_id__in=teams)


def week_for(user, today: dt.date) -> dict:
    """What to do this week, for the start page: the user's reviews overdue or due within 7 days (a caseworker's
    own; the whole visible unit for others), and the proposals waiting (to approve, or one's own awaiting)."""
    decisions = decisions_visible_to(user)
    mine = user.pk if user.role == Role.CASEWORKER else None
    due = reviews_for(decisions, today, today + dt.timedelta(days=7), caseworker_id=mine)
    pending = proposals_visible_to(user).filter(status=Proposal.Status.PENDING)
    if not access.may_approve_proposals(user):
        pending = pending.filter(proposed_by=user)
    return {"reviews_overdue": sum(1 for r in due if r.overdue),
            "reviews_due_this_week": sum(1 for r in due if not r.overdue),
            "reviews": due[:5], "proposals_pending": pending.count()}


def review_items(qs: QuerySet[Decision], as_of: dt.date, until: dt.date | None = None,
                 team: str | None = None) -> list[dict]:
    return [
        {**_describe(r.row["decision"]), "due": r.due.isoformat(), "annual_cost": float(r.annual_cost),
         "overdue": r.overdue}
        for r in reviews_for(qs, as_of, until, team)
    ]


def threshold_items(qs: QuerySet[Decision], as_of: dt.date, team: str | None = None) -> list[dict]:
    """Decisions whose weekly hours lie within 10 % below a level threshold, closest first."""
    items = []
    for decision in _active(_base(qs, team), as_of):
        hours = hours_per_week(decision.extent, decision.unit)
        threshold = threshold_just_above(hours) if hours is not None else None
        if threshold is None:
            continue
        items.append({**_describe(decision), "hours": float(round(hours, 2)), "threshold": float(threshold),
                      "gap": float(round(threshold - hours, 2))})
    items.sort(key=lambda i: (i["gap"], i["decision"]))
    return items
