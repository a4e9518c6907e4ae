"""Turbundna resor: monthly totals per carrier and contract with the trend, the imported invoices and their
disputes, an invoice's flagged lines (with its dispute list for the carrier), the orders, and the ledger's transport
bookings against the accepted amounts. Writes go through transport.services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.identity import mask_personal_number
from insatskollen.core.months import add_months, month_label
from insatskollen.core.numbers import format_sek
from insatskollen.transport import selectors
from insatskollen.transport.matching import FLAG_TEXTS, WEEKDAY_NAMES
from insatskollen.transport.models import Carrier, DisputeStatus, TransportInvoice
from insatskollen.transport.render_xlsx import render_dispute_xlsx
from insatskollen.transport.services import DISPUTE_FLOW, invoice_dispute_update, may_change_transport
from insatskollen.web.charts import bar_chart
from insatskollen.web.forms import add_service_errors
from insatskollen.web.views.common import role_required, year_from

see = access.may_see_followup


def _may_change(user) -> bool:
    return user.is_authenticated and may_change_transport(user)


def _person(user):
    full = access.may_see_personal_numbers(user)
    return (lambda digits: f"{digits[:8]}-{digits[8:]}") if full else mask_personal_number


@role_required(see)
def transport_overview(request):
    today = timezone.localdate()
    year = year_from(request, today.year)
    first = dt.date(year - 1, 1, 1)
    last = dt.date(year, 12, 1) if year < today.year else today.replace(day=1)
    series = selectors.monthly_totals(first, last)
    for s in series:
        s.shown = [m for m in s.months if m.month.year == year]
        s.year_total = sum((m.amount for m in s.shown), start=0)
        s.previous_total = sum((m.amount for m in s.months if m.month.year == year - 1), start=0)
    months = [m for m in (add_months(first, i) for i in range(24)) if m.year == year and m <= last]
    totals = [(month_label(m)[5:], sum((row.amount for s in series if s.contract != selectors.ALL_CONTRACTS
                                        for row in s.shown if row.month == m), start=0))
              for m in months]
    invoices = list(selectors.invoices(year=year)[:200])
    return render(request, "web/transport/overview.html", {
        "year": year, "series": series, "invoices": invoices, "chart": bar_chart(totals) if any(v for _, v in totals)
        else None, "totals": totals, "jumps": [(s, m) for s in series for m in s.shown if m.jump]})


def _invoice(pk: int) -> TransportInvoice:
    return get_object_or_404(TransportInvoice.objects.select_related("carrier"), pk=pk)


class DisputeForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Ny status"), choices=DisputeStatus.choices)
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("T.ex. när bestridandet skickades och vem som svarade."))


@role_required(see)
def transport_invoice(request, pk: int):
    invoice = _invoice(pk)
    lines = selectors.flagged_lines(invoice)
    may_change = _may_change(request.user)
    allowed = sorted(DISPUTE_FLOW.get(invoice.dispute_status, set()))
    form = None
    if may_change and allowed:
        form = DisputeForm(request.POST or None, initial={"note": invoice.dispute_note})
        form.fields["status"].choices = [(s, DisputeStatus(s).label) for s in allowed]
        if request.method == "POST" and form.is_valid():
            try:
                invoice_dispute_update(invoice=invoice, actor=request.user, status=form.cleaned_data["status"],
                                       note=form.cleaned_data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Status för faktura %(number)s är ändrad.") % {"number": invoice.number})
                return redirect("web:transport_invoice", pk=invoice.pk)
    elif request.method == "POST":
        raise PermissionDenied
    clients = sorted({line.client_id for line in lines if line.client_id})
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="transport invoice",
                 object_id=invoice.pk, summary=f"Faktura {invoice.number} från {invoice.carrier.name}: avvikelser",
                 detail={"clients": clients})
    person = _person(request.user)
    rows = [{"line": line, "person": person(line.personal_number),
             "flags": [{**f, "label": FLAG_TEXTS.get(f["kind"], f["kind"])} for f in line.flags]} for line in lines]
    sums = [(FLAG_TEXTS[k], v) for k, v in selectors.dispute_sums(invoice).items()]
    return render(request, "web/transport/invoice.html", {
        "invoice": invoice, "rows": rows, "sums": sums, "form": form, "may_change": may_change})


@role_required(see)
def transport_invoice_xlsx(request, pk: int):
    invoice = _invoice(pk)
    lines = selectors.flagged_lines(invoice)
    content = render_dispute_xlsx(invoice, lines, _person(request.user))
    name = f"bestridande-{invoice.carrier.name}-{invoice.number}".replace(" ", "-").replace("/", "-")
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="transport invoice",
                 object_id=invoice.pk, summary=f"Bestridandelista hämtad: faktura {invoice.number}",
                 detail={"format": "xlsx", "clients": sorted({line.client_id for line in lines if line.client_id})})
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@role_required(see)
def transport_ledger(request):
    year = year_from(request, timezone.localdate().year)
    rows = selectors.ledger_reconciliation(year)
    return render(request, "web/transport/ledger.html", {
        "year": year, "rows": rows, "booked": sum((r.booked for r in rows), start=0),
        "accepted": sum((r.accepted for r in rows), start=0), "invoiced": sum((r.invoiced for r in rows), start=0),
        "codes": ", ".join(selectors.transport_codes())})


@role_required(see)
def transport_orders(request):
    today = timezone.localdate()
    orders = list(selectors.orders_visible_to(request.user).prefetch_related("terms__carrier"))
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="transport orders",
                 summary="Resebeställningar", detail={"clients": sorted({o.client_id for o in orders})})
    person = _person(request.user)
    rows = []
    for order in orders:
        terms = list(order.terms.all())
        current = next((t for t in terms if t.valid_from <= today and (t.valid_to is None or today <= t.valid_to)),
                       terms[-1] if terms else None)
        rows.append({"order": order, "person": person(order.client.personal_number), "terms": terms,
                     "current": current, "weekdays": ", ".join(WEEKDAY_NAMES[d] for d in current.weekdays)
                     if current else "", "active": order.valid_to is None or order.valid_to >= today})
    return render(request, "web/transport/orders.html", {
        "rows": rows, "carriers": Carrier.objects.all(), "format_sek": format_sek})
