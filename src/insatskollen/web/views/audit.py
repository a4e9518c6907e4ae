"""The audit trail for administrators: filterable by user, event, dates and client, paginated."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.audit.services import audit_record
from insatskollen.register.models import Client
from insatskollen.web.access_log import access_row, client_events, render_csv, render_xlsx
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


def _client_for_log(pk: int) -> Client:
    return get_object_or_404(Client.objects.select_related("team"), pk=pk)


@role_required(access.may_read_audit)
def client_access_log(request, pk: int):
    """Who has read or changed this person's records: every audit event about the client, newest first."""
    client = _client_for_log(pk)
    page = Paginator(client_events(client.pk), PAGE_SIZE).get_page(request.GET.get("sida"))
    readers = (AuditEvent.objects.filter(client_id=client.pk).exclude(actor_name="")
               .values_list("actor_name", flat=True).distinct().order_by("actor_name"))
    audit_record(actor=request.user, action=AuditAction.ACCESS_LOG_READ, object_type="client", object_id=client.pk,
                 client_id=client.pk, summary=client.masked_personal_number, detail={"source": "web"})
    return render(request, "web/audit/client_log.html", {
        "client": client, "page": page, "rows": [access_row(e) for e in page.object_list],
        "readers": list(readers)})


@role_required(access.may_read_audit)
def client_access_log_download(request, pk: int, kind: str):
    if kind not in ("xlsx", "csv"):
        raise Http404
    client = _client_for_log(pk)
    rows = [access_row(e) for e in client_events(client.pk)]
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    title = f"Åtkomstlogg för klient {client.pk} ({client.formatted_personal_number}), uttagen {stamp}"
    file_name = f"atkomstlogg-klient-{client.pk}.{kind}"
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="client_access_log",
                 object_id=client.pk, client_id=client.pk, summary=f"Åtkomstlogg hämtad: {file_name}",
                 detail={"source": "web", "format": kind, "rows": len(rows)})
    if kind == "csv":
        response = HttpResponse(render_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(render_xlsx(rows, title=title),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
