"""The start page's "Din vecka": what the user should do this week, one line per worklist of the registry
(`casework.worklists`) that has something to say, the reviews to do first, and this week's dates from the year's
plan. A caseworker sees their own reviews and missing execution plans and their team's cases before a measurement
date; the unit head sees the whole unit's and the proposals waiting for approval.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from insatskollen.accounts import access
from insatskollen.casework.worklists import week_tasks
from insatskollen.planning.selectors import events_visible_to, occurrences_between, with_measurement_dates


def week_panel(user, today: dt.date) -> dict | None:
    """None for roles without casework (the controller)."""
    if not access.may_change_decisions(user):
        return None
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    tasks = week_tasks(user, today)
    return {
        "tasks": [{"key": w.key, "title": w.title, "url": reverse(f"web:{w.url_name}")
                   + (f"#{w.anchor}" if w.anchor else ""), "task": task} for w, task in tasks],
        "reviews": next((list(task.items) for w, task in tasks if w.key == "reviews"), []),
        "dates": with_measurement_dates(occurrences_between(events_visible_to(user), monday, sunday), monday, sunday),
        "monday": monday,
        "sunday": sunday,
    }
