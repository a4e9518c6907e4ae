"""Finding a client, and the client's own page (every opening is audited)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.months import SWEDISH_MONTHS_SHORT
from insatskollen.costing.selectors import decision_monthly_costs, year_summary
from insatskollen.register.models import Decision, DecisionVersion
from insatskollen.register.selectors import client_search, clients_visible_to
from insatskollen.web.charts import bar_chart
from insatskollen.web.forms import ClientSearchForm
from insatskollen.web.history import related_names, version_rows
from insatskollen.web.views.common import year_from
from insatskollen.web.views.home import active_on

PAGE_SIZE = 50


@login_required
def client_list(request):
    user = request.user
    form = ClientSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    clients = client_search(user, query) if query else clients_visible_to(user)
    active_count = (
        Decision.objects.filter(active_on(timezone.localdate()), client_id=OuterRef("pk"))
        .order_by().values("client_id").annotate(n=Count("id")).values("n")
    )
    clients = clients.select_related("team").annotate(
        active_decisions=Coalesce(Subquery(active_count, output_field=IntegerField()), Value(0))
    ).order_by("personal_number")
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "web/clients/list.html", {
        "form": form, "query": query, "page": page, "query_string": urlencode({"q": query}) if query else ""})


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
    first_month = today.replace(year=year, month=1, day=1)
    names = related_names([v for d in decisions for v in d.versions.all()])
    rows = []
    for decision in decisions:
        months = decision_monthly_costs(decision, first_month, 12)
        rows.append({
            "decision": decision,
            "cost_year": sum((f.cost for f in months.values()), start=0),
            "active": decision.end_date is None or decision.end_date >= today,
            "history": version_rows(list(decision.versions.all()), names),
        })
    summary = year_summary(client.decisions.all(), year)
    monthly = [{"label": SWEDISH_MONTHS_SHORT[int(key[5:]) - 1], "key": key, "figures": f}
               for key, f in summary.months.items()]
    context = {
        "client": client,
        "show_full_pnr": access.may_see_personal_numbers(user),
        "may_change": access.may_change_decisions(user),
        "active_rows": [r for r in rows if r["active"]],
        "ended_rows": [r for r in rows if not r["active"]],
        "year": year,
        "years": [year - 1, year + 1],
        "summary": summary,
        "monthly": monthly,
        "chart": bar_chart([(m["label"], m["figures"].cost) for m in monthly], height=160),
    }
    return render(request, "web/clients/detail.html", context)
