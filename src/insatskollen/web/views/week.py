"""The start page's "Din vecka": what the user should do this week, gathered from the worklists.

A caseworker sees their own reviews and missing execution plans; the unit head sees the whole unit's and the
proposals waiting for approval. Everyone sees this week's dates from the year's plan.
"""

from __future__ import annotations

import datetime as dt

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.casework.selectors import week_for
from insatskollen.orders.selectors import missing_plans
from insatskollen.planning.selectors import events_visible_to, occurrences_between
from insatskollen.register.selectors import decisions_visible_to


def week_panel(user, today: dt.date) -> dict | None:
    """None for roles without casework (the controller)."""
    if not access.may_change_decisions(user):
        return None
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    decisions = decisions_visible_to(user)
    if user.role == Role.CASEWORKER:
        decisions = decisions.filter(caseworker=user)
    plans = missing_plans(decisions, today, until=sunday)
    return {
        **week_for(user, today),
        "plans_overdue": sum(1 for p in plans if p.overdue),
        "plans_due_this_week": sum(1 for p in plans if not p.overdue),
        "dates": occurrences_between(events_visible_to(user), monday, sunday),
        "monday": monday,
        "sunday": sunday,
        "approves": access.may_approve_proposals(user),
    }
