"""Finding a client, and the client's own page (every opening is audited)."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record, audit_record_reads
from insatskollen.core.months import SWEDISH_MONTHS_SHORT
from insatskollen.costing.selectors import summarise
from insatskollen.register.models import Decision, DecisionTerm, DecisionVersion
from insatskollen.register.selectors import client_search, clients_visible_to
from insatskollen.web.charts import bar_chart
from insatskollen.web.forms import ClientSearchForm
from insatskollen.web.history import related_names, version_rows
from insatskollen.web.views.common import year_from
from insatskollen.web.views.home import active_on

PAGE_SIZE = 50


SEARCHES_KEPT = 10


def _remember_search(request, query: str) -> str:
    """The search text stays in the session, never in a URL: the results page is addressed by a random key, so a
    personnummer lands in neither the access logs, the browser history nor a Referer header."""
    searches = dict(request.session.get("client_searches", {}))
    key = secrets.token_urlsafe(9)
    searches[key] = query
    request.session["client_searches"] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


@login_required
def client_list(request):
    """GET lists the clients, or the results of a remembered search (?sokning=KEY). The search form posts (with
    CSRF) and is redirected to its results, so reloading and the back button work without resubmitting."""
    user = request.user
    if request.method == "POST":
        form = ClientSearchForm(request.POST)
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
            if not query:
                return redirect("web:clients")
            return redirect(f"{reverse('web:clients')}?{urlencode({'sokning': _remember_search(request, query)})}")
        query, search_key = "", ""
    else:
        search_key = request.GET.get("sokning", "")
        query = request.session.get("client_searches", {}).get(search_key, "") if search_key else ""
        form = ClientSearchForm(initial={"q": query})
    clients = client_search(user, query) if query else clients_visible_to(user)
    active_count = (
        Decision.objects.filter(active_on(timezone.localdate()), client_id=OuterRef("pk"))
        .order_by().values("client_id").annotate(n=Count("id")).values("n")
    )
    clients = clients.select_related("team").annotate(
        active_decisions=Coalesce(Subquery(active_count, output_field=IntegerField()), Value(0))
    ).order_by("personal_number")
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("sida"))
    # The page shows personnummer: each client on it is a read (the search text itself is never stored).
    audit_record_reads(actor=user, client_ids=[c.pk for c in page.object_list],
                       summary="Sökning" if query else "Klientlista",
                       detail={"source": "web", "search": bool(query)})
    return render(request, "web/clients/list.html", {
        "form": form, "query": query, "page": page,
        "expired": bool(search_key) and not query,
        "query_string": urlencode({"sokning": search_key}) if query else ""})


def terms_now_and_next(periods: list, today):
    """The term period in effect today (before its start: the first; after its end: the last) and the one after it,
    if any: the client page shows what a decision costs now and what is already registered to come."""
    if not periods:
        return None, None
    now = next((p for p in periods if p.valid_from <= today and (p.valid_to is None or p.valid_to >= today)), None)
    if now is None:
        now = periods[0] if periods[0].valid_from > today else periods[-1]
    later = [p for p in periods if p.valid_from > now.valid_from]
    return now, later[0] if later else None


@login_required
def client_detail(request, pk: int):
    user = request.user
    client = get_object_or_404(clients_visible_to(user).select_related("team"), pk=pk)
    audit_record(actor=user, action=AuditAction.CLIENT_VIEWED, object_type="client", object_id=client.pk,
                 client_id=client.pk, summary=client.masked_personal_number)
    today = timezone.localdate()
    year = year_from(request, today.year)
    versions = DecisionVersion.objects.select_related("changed_by").order_by("number")
    decisions = list(
        client.decisions.select_related("intervention_type", "provider", "caseworker")
        .prefetch_related(Prefetch("versions", queryset=versions), "orders__provider").order_by("-start_date", "-id")
    )
    names = related_names([v for d in decisions for v in d.versions.all()])
    periods: dict[int, list] = {}
    for term in (DecisionTerm.objects.filter(decision__client=client, known_to__isnull=True)
                 .select_related("provider").order_by("decision_id", "valid_from")):
        periods.setdefault(term.decision_id, []).append(term)
    # The year's cost from the same periods: each decision's months and the client's, without another query.
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = [{"decision_id": t.decision_id, "start_date": t.valid_from, "end_date": t.valid_to, "unit": t.unit,
                "extent": t.extent, "price": t.price, "ifo_share_pct": t.ifo_share_pct,
                "revenue_per_unit": t.revenue_per_unit}
               for terms in periods.values() for t in terms
               if t.valid_from <= last and (t.valid_to is None or t.valid_to >= first)]
    summary = summarise(in_year, first, 12, "decision_id")
    rows = []
    for decision in decisions:
        now, coming = terms_now_and_next(periods.get(decision.pk, []), today)
        rows.append({
            "now": now, "coming": coming,
            "decision": decision,
            "cost_year": summary.by[str(decision.pk)].cost if str(decision.pk) in summary.by else 0,
            "active": decision.end_date is None or decision.end_date >= today,
            "history": version_rows(list(decision.versions.all()), names),
            "periods": periods.get(decision.pk, []),
            "may_order": access.may_change_decisions(user) and (decision.end_date is None or decision.end_date >= today),
            "today": today,
        })
    monthly = [{"label": SWEDISH_MONTHS_SHORT[int(key[5:]) - 1], "key": key, "figures": f}
               for key, f in summary.months.items()]
    context = {
        "client": client,
        "show_full_pnr": access.may_see_personal_numbers(user),
        "may_change": access.may_change_decisions(user),
        "may_correct": access.may_correct_register(user),
        "may_read_audit": access.may_read_audit(user),
        "active_rows": [r for r in rows if r["active"]],
        "ended_rows": [r for r in rows if not r["active"]],
        "year": year,
        "years": [year - 1, year + 1],
        "summary": summary,
        "monthly": monthly,
        "chart": bar_chart([(m["label"], m["figures"].cost) for m in monthly], height=160),
    }
    return render(request, "web/clients/detail.html", context)
