"""The audit trail for administrators: filterable by user, event, dates and client, paginated."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditEvent
from insatskollen.web.forms import AuditFilterForm
from insatskollen.web.views.common import role_required

PAGE_SIZE = 50


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@role_required(access.may_read_audit)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            events = events.filter(actor_name__iexact=data["user"].strip())
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["date_from"]:
            events = events.filter(at__gte=_start_of(data["date_from"]))
        if data["date_to"]:
            events = events.filter(at__lt=_start_of(data["date_to"] + dt.timedelta(days=1)))
        if data["client_id"]:
            events = events.filter(client_id=data["client_id"])
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "web/audit/log.html", {"form": form, "page": page, "query": query.urlencode()})
