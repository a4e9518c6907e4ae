"""Resursfördelning: the city's allocation for a year and provider kind against the register's cost (Table 5 of
the 2007 review), each person's gap, the counts on each measurement date, the rates and the claims."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.allocation.render_xlsx import render_xlsx
from insatskollen.allocation.selectors import allocation_for, current_rates, level_requests, special_claims
from insatskollen.allocation.worklists import level_watch_for, level_watch_share
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.identity import mask_personal_number
from insatskollen.core.numbers import InvalidValue, format_percent, parse_date
from insatskollen.register.models import Client, Decision, ProviderKind
from insatskollen.web.charts import bar_chart
from insatskollen.web.templatetags.sv import sek_signed
from insatskollen.web.views.allocation_forms import PENDING_CLAIMS, PENDING_REQUESTS, new_forms
from insatskollen.web.views.common import role_required, year_from

PERSONS_SHOWN = 200


def _inputs(request):
    today = timezone.localdate()
    year = year_from(request, today.year)
    default_as_of = today if year == today.year else dt.date(year, 12, 31)
    try:
        as_of = parse_date(request.GET["per"]) if request.GET.get("per") else default_as_of
    except InvalidValue:
        as_of = default_as_of
    kind = request.GET.get("utforartyp", "")
    kind = kind if kind in ProviderKind.values else ""
    scope_user = None if access.sees_whole_unit(request.user) else request.user
    return year, as_of, kind, scope_user


def _client_labels(request, ids) -> dict[int, str]:
    show_full = access.may_see_personal_numbers(request.user)
    clients = Client.objects.filter(pk__in=ids).values_list("pk", "personal_number")
    return {pk: (number if show_full else mask_personal_number(number)) for pk, number in clients}


def _labels(request, result) -> dict[int, str]:
    return _client_labels(request, {p.person for p in result.persons})


@role_required(access.may_see_allocation)
def allocation_page(request):
    year, as_of, kind, scope_user = _inputs(request)
    result = allocation_for(year, as_of, provider_kind=kind or None, user=scope_user)
    labels = _labels(request, result)
    rates = list(current_rates(year).order_by("code", "level"))
    dates = result.dates
    levels = sorted({(code, level) for d in dates for code, level, _ in d.counts()})
    count_rows = []
    for code, level in levels:
        cells = []
        previous = None
        for d in dates:
            n = next((n for c, lv, n in d.counts() if (c, lv) == (code, level)), 0)
            change = 0 if previous is None else n - previous
            cells.append({"n": n, "change": f"+{change}" if change > 0 else (f"\u2212{-change}" if change else "")})
            previous = n
        count_rows.append({"code": code, "level": level, "cells": cells})
    sources: dict[str, set[str]] = {}
    for r in rates:
        sources.setdefault(r.code, set()).add(r.source)
    code_sources = ({code: next(iter(found)) for code, found in sources.items()}
                    if all(len(found) == 1 for found in sources.values()) else {})
    may_change = access.may_change_allocation(request.user)
    watch_day = max(dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31)))
    watch = level_watch_for(scope_user, watch_day)
    watch_clients = _client_labels(request, {c.person for c in watch})
    watch_decisions = {d.pk: d for d in Decision.objects.filter(pk__in={c.decision for c in watch})}
    return render(request, "web/allocation/page.html", {
        "watch": [{"c": c, "label": watch_clients.get(c.person, ""), "decision": watch_decisions.get(c.decision)}
                  for c in watch[:PERSONS_SHOWN]],
        "watch_day": watch_day, "watch_share": format_percent(level_watch_share() * 100),
        "watch_total": sum((c.excess for c in watch), 0),
        "year": year, "as_of": as_of, "kind": kind, "kinds": ProviderKind.choices, "result": result,
        "own_team_only": scope_user is not None,
        "persons": [{"line": p, "label": labels.get(p.person, ""), "levels": [p.levels.get(d.date, "") for d in dates]}
                    for p in result.persons[:PERSONS_SHOWN]],
        "persons_hidden": max(len(result.persons) - PERSONS_SHOWN, 0),
        "count_rows": count_rows, "rates": rates, "derived_rates": any(r.derived for r in rates),
        "code_sources": code_sources,  # each code's one source, shown under the table instead of on every row
        "show_full": access.may_see_personal_numbers(request.user),
        "claims": list(special_claims(year, user=scope_user)[:100]),
        "requests": list(level_requests(user=scope_user).filter(requested_on__year__gte=year - 1)[:100]),
        "may_change": may_change, "pending_claims": PENDING_CLAIMS, "pending_requests": PENDING_REQUESTS,
        **(new_forms(request.user, year) if may_change else {}),
        "chart": bar_chart([(name, line.difference) for name, line in result.groups.items()]),
        "chart_figures": "; ".join(f"{name} {sek_signed(line.difference)}" for name, line in result.groups.items()),
        "query": request.GET.urlencode(),
    })


@role_required(access.may_see_allocation)
def allocation_xlsx(request):
    year, as_of, kind, scope_user = _inputs(request)
    result = allocation_for(year, as_of, provider_kind=kind or None, user=scope_user)
    derived = current_rates(year).filter(derived=True).exists()
    content = render_xlsx(result, _labels(request, result), derived_rates=derived)
    file_name = f"resursfordelning-{year}{'-' + kind.replace(' ', '-').replace('/', '-') if kind else ''}.xlsx"
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="allocation",
                 object_id=str(year), summary=f"Resursfördelning hämtad: {file_name}",
                 detail={"format": "xlsx", "year": year, "as_of": as_of.isoformat(), "provider_kind": kind})
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
