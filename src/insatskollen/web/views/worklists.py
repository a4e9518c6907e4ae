"""Casework worklists in the UI: the reviews (omprövningar) due soon, for the decisions the user may see.

Filters: period (overdue, within 30 or 90 days), caseworker ("Mina" is a caseworker's default) and team.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.accounts.models import Role, Team
from insatskollen.casework.selectors import pending_proposal_decisions, reviews_for
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.forms import ReviewFilterForm
from insatskollen.web.views.common import role_required

REVIEW_HORIZON_DAYS = 90
HORIZONS = {"overdue": 0, "30": 30, "90": 90}


def _filters(request) -> ReviewFilterForm:
    user = request.user
    teams = access.team_ids_visible(user)
    team_qs = Team.objects.order_by("name") if teams is None else Team.objects.filter(pk__in=teams)
    caseworkers = get_user_model().objects.filter(is_active=True, role__in=[Role.CASEWORKER, Role.UNIT_HEAD])
    if teams is not None:
        caseworkers = caseworkers.filter(team_id__in=teams)
    data = {"period": "90", "caseworker": "mina" if user.role == Role.CASEWORKER else "alla", "team": "",
            **request.GET.dict()}
    form = ReviewFilterForm(data, caseworkers=caseworkers.order_by("first_name", "last_name"), teams=team_qs)
    form.is_valid()
    return form


@role_required(access.may_change_decisions)
def worklist_reviews(request):
    today = timezone.localdate()
    form = _filters(request)
    values = form.cleaned_data
    period = values.get("period") or "90"
    until = today + dt.timedelta(days=HORIZONS[period])
    chosen = values.get("caseworker") or "alla"
    caseworker_id = request.user.pk if chosen == "mina" else (int(chosen) if chosen.isascii() and chosen.isdigit() else None)
    decisions = decisions_visible_to(request.user)
    reviews = reviews_for(decisions, today, until, team=values.get("team") or None, caseworker_id=caseworker_id)
    waiting = pending_proposal_decisions(decisions)
    entries = [{"decision": r.row["decision"], "due": r.due, "annual_cost": r.annual_cost, "overdue": r.overdue,
                "proposal_pending": r.row["decision"].pk in waiting} for r in reviews]
    return render(request, "web/worklists/reviews.html", {
        "entries": entries, "today": today, "until": until, "form": form, "period": period,
        "horizon_days": HORIZONS[period], "overdue_count": sum(1 for e in entries if e["overdue"])})
