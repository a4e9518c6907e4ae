"""The allocation's worklist "Inför mättillfället" (`allocation.preparation`): what to do before the next measurement
date, with the money at stake per row. A caseworker sees their own team's cases."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.allocation.preparation import OPENS_DAYS_BEFORE, SECTIONS
from insatskollen.allocation.selectors import current_rates, measurement_days
from insatskollen.allocation.worklists import preparation_for
from insatskollen.casework.worklists import worklist
from insatskollen.core.identity import mask_personal_number
from insatskollen.core.numbers import InvalidValue, parse_date
from insatskollen.register.models import Client, Decision
from insatskollen.web.views.common import role_required

ENTRY = worklist("measurement")


@role_required(ENTRY.rule)
def worklist_measurement(request):
    today = timezone.localdate()
    chosen = None
    if request.GET.get("datum"):
        try:
            chosen = parse_date(request.GET["datum"])
        except InvalidValue:
            chosen = None
    found = preparation_for(None if access.sees_whole_unit(request.user) else request.user, today, chosen)
    show_full = access.may_see_personal_numbers(request.user)
    clients = dict(Client.objects.filter(pk__in={r.person for r in found.rows}).values_list("pk", "personal_number"))
    decisions = {d.pk: d for d in Decision.objects.filter(pk__in={r.decision for r in found.rows if r.decision})}
    sections = []
    for key, label in SECTIONS.items():
        rows = [{"row": r, "label": clients.get(r.person, "") if show_full
                 else mask_personal_number(clients.get(r.person, "")),
                 "decision": decisions.get(r.decision)} for r in found.rows if r.section == key]
        sections.append({"key": key, "label": label, "rows": rows,
                         "at_stake": sum((e["row"].at_stake for e in rows), 0)})
    upcoming = sorted(d.date for year in (today.year, today.year + 1) for d in measurement_days(year)
                      if d.date >= today)
    return render(request, "web/worklists/measurement.html", {
        "entry": ENTRY, "found": found, "sections": sections, "today": today, "opens_days": OPENS_DAYS_BEFORE,
        "upcoming": upcoming[:2], "own_team_only": not access.sees_whole_unit(request.user),
        "has_rates": found.date is not None and current_rates(found.date.year).exists(),
        "may_change": access.may_change_allocation(request.user)})
