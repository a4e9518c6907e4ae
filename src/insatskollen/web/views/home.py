"""The start page: what the user's part of the register costs this month and this year."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from insatskollen.accounts import access
from insatskollen.core.months import SWEDISH_MONTHS_SHORT, month_label
from insatskollen.costing.money import shown_table
from insatskollen.costing.selectors import year_summary
from insatskollen.register.models import InterventionType
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.web.charts import bar_chart
from insatskollen.web.views.week import week_panel


def active_on(day: dt.date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


@login_required
def home(request):
    user = request.user
    today = timezone.localdate()
    decisions = decisions_visible_to(user)
    by_type = year_summary(decisions, today.year, by="insatskod")
    by_caseworker = year_summary(decisions, today.year, by="handlaggare")
    type_names = dict(InterventionType.objects.filter(code__in=list(by_type.by)).values_list("code", "name"))
    people = {u.username: u.display_name for u in
              get_user_model().objects.filter(username__in=list(by_caseworker.by))}
    month_key = month_label(today.replace(day=1))
    # Every table shows whole kronor that add up to its total (costing.money): the cards show the same figures.
    shown_months, shown_year = shown_table(list(by_type.months.values()), by_type.total)
    monthly = [
        {"label": SWEDISH_MONTHS_SHORT[int(key[5:]) - 1], "key": key, "figures": figures, "shown": row}
        for (key, figures), row in zip(by_type.months.items(), shown_months)
    ]
    type_rows = sorted(by_type.by.items(), key=lambda item: -item[1].cost)
    caseworker_rows = sorted(by_caseworker.by.items(), key=lambda item: -item[1].cost)
    context = {
        "today": today,
        "year": today.year,
        "scope": _("ditt teams klienter") if not access.sees_whole_unit(user) else _("hela enheten"),
        "this_month": next(row["shown"] for row in monthly if row["key"] == month_key),
        "this_month_name": month_key,
        "this_year": shown_year,
        "monthly": monthly,
        "chart": bar_chart([(row["label"], row["figures"].net) for row in monthly]),
        "by_type": [{"code": code, "name": type_names.get(code, ""), "figures": row}
                    for (code, _), row in zip(type_rows, shown_table([f for _, f in type_rows], by_type.total)[0])],
        "by_caseworker": [
            {"username": name, "name": people.get(name, name), "figures": row}
            for (name, _), row in zip(caseworker_rows,
                                      shown_table([f for _, f in caseworker_rows], by_caseworker.total)[0])],
        "active_decisions": decisions.filter(active_on(today)).count(),
        "active_clients": decisions.filter(active_on(today)).values("client_id").distinct().count(),
        "all_clients": clients_visible_to(user).count(),
        "may_change": access.may_change_decisions(user),
        "week": week_panel(user, today),
    }
    return render(request, "web/home.html", context)
