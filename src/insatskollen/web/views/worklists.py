"""Casework worklists in the UI: the reviews (omprövningar) due soon, for the decisions the user may see."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.casework.selectors import reviews_for
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.views.common import role_required

REVIEW_HORIZON_DAYS = 90


@role_required(access.may_change_decisions)
def worklist_reviews(request):
    today = timezone.localdate()
    until = today + dt.timedelta(days=REVIEW_HORIZON_DAYS)
    reviews = reviews_for(decisions_visible_to(request.user), today, until)
    entries = [{"decision": r.row["decision"], "due": r.due, "annual_cost": r.annual_cost, "overdue": r.overdue}
               for r in reviews]
    return render(request, "web/worklists/reviews.html", {
        "entries": entries, "today": today, "until": until,
        "overdue_count": sum(1 for e in entries if e["overdue"])})
