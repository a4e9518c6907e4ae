"""Turbundna resor: monthly totals per carrier and contract with the trend, the imported invoices and their
disputes, an invoice's flagged lines (with its dispute list for the carrier), the orders, and the ledger's transport
bookings against the accepted amounts. Writes go through transport.services."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

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
from insatskollen.core.identity import InvalidIdentity, mask_personal_number, parse_personal_number
from insatskollen.core.months import add_months, month_label
from insatskollen.core.numbers import format_sek
from insatskollen.register.selectors import clients_visible_to
from insatskollen.transport import selectors
from insatskollen.transport.importing.service import transport_invoice_import
from insatskollen.transport.matching import FLAG_TEXTS, WEEKDAY_NAMES
from insatskollen.transport.models import Carrier, ClosedDay, DisputeStatus, TransportInvoice
from insatskollen.transport.render_xlsx import render_dispute_xlsx
from insatskollen.transport.services import (
    DISPUTE_FLOW,
    closed_day_add,
    invoice_dispute_update,
    may_change_transport,
    transport_order_create,
)
from insatskollen.web.charts import bar_chart
from insatskollen.web.forms import DateInput, add_service_errors, checked_upload
from insatskollen.web.views.common import role_required, year_from

see = access.may_see_followup


def _may_change(user) -> bool:
    return user.is_authenticated and may_change_transport(user)


def _person(user):
    full = access.may_see_personal_numbers(user)
    return (lambda digits: f"{digits[:8]}-{digits[8:]}") if full else mask_personal_number


class InvoiceUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Transportörens faktura"),
                           help_text=gettext_lazy("En Excelfil (.xlsx, .xls, .ods) eller textfil (.csv, .txt) med "
                                                  "kolumnerna Fakturanummer, Transportör, Fakturadatum, "
                                                  "Personnummer, Resdatum, Antal resor, Belopp och Avtal."))

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])


def _upload(request, form):
    """Import the uploaded invoice file whole or not at all; the refused file's errors go back to the page."""
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        result = transport_invoice_import(path, actor=request.user, file_name=upload.name)
    if result.status == "refused":
        return result
    for inv in result.invoices:
        messages.success(request, _("Faktura %(number)s från %(carrier)s är importerad: %(amount)s fakturerat, "
                                    "%(disputed)s bestrids.") % {
            "number": inv["number"], "carrier": inv["carrier"], "amount": format_sek(inv["amount"]),
            "disputed": format_sek(inv["disputed"])})
    return None


@role_required(see)
def transport_overview(request):
    today = timezone.localdate()
    may_change = _may_change(request.user)
    upload_form, refused = (InvoiceUploadForm() if may_change else None), None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        upload_form = InvoiceUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            refused = _upload(request, upload_form)
            if refused is None:
                return redirect("web:transport")
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
        "year": year, "series": series, "invoices": invoices, "upload_form": upload_form, "refused": refused, "chart": bar_chart(totals) if any(v for _, v in totals)
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


DATE_ERRORS = {"invalid": gettext_lazy("Skriv datumet ÅÅÅÅ-MM-DD.")}
WEEKDAY_CHOICES = [(str(i), name) for i, name in enumerate(("måndag", "tisdag", "onsdag", "torsdag", "fredag",
                                                            "lördag", "söndag"))]


class OrderForm(forms.Form):
    client = forms.CharField(label=gettext_lazy("Klientens personnummer"), max_length=20,
                             help_text=gettext_lazy("ÅÅÅÅMMDD-NNNN"))
    activity_decision = forms.IntegerField(label=gettext_lazy("Beslut om daglig verksamhet (nummer)"), required=False,
                                           min_value=1)
    from_place = forms.CharField(label=gettext_lazy("Från"), max_length=200)
    to_place = forms.CharField(label=gettext_lazy("Till"), max_length=200)
    carrier = forms.ModelChoiceField(label=gettext_lazy("Transportör"), queryset=Carrier.objects.all(),
                                     empty_label=None)
    contract = forms.CharField(label=gettext_lazy("Avtal"), max_length=100, required=False)
    price = forms.DecimalField(label=gettext_lazy("Pris per resa (kr)"), min_value=0, max_digits=10, decimal_places=2)
    trips_per_week = forms.IntegerField(label=gettext_lazy("Resor per vecka"), min_value=1, max_value=50)
    weekdays = forms.MultipleChoiceField(label=gettext_lazy("Veckodagar"), choices=WEEKDAY_CHOICES,
                                         widget=forms.CheckboxSelectMultiple, initial=["0", "1", "2", "3", "4"])
    valid_from = forms.DateField(label=gettext_lazy("Gäller från"), widget=DateInput, error_messages=DATE_ERRORS)
    valid_to = forms.DateField(label=gettext_lazy("Gäller till och med"), required=False, widget=DateInput,
                               error_messages=DATE_ERRORS, help_text=gettext_lazy("Tomt: tills vidare."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_client(self):
        try:
            digits = parse_personal_number(self.cleaned_data["client"]).digits
        except InvalidIdentity as error:
            raise ValidationError(str(error)) from None
        client = clients_visible_to(self.user).filter(personal_number=digits).first()
        if client is None:
            raise ValidationError(_("Ingen klient med det personnumret finns hos enheten."))
        return client


class ClosedDayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Datum"), widget=DateInput, error_messages=DATE_ERRORS)
    reason = forms.CharField(label=gettext_lazy("Varför är daglig verksamhet stängd?"), max_length=200)


def _order_post(request, form) -> bool:
    data = form.cleaned_data
    client = data["client"]
    decision = None
    if data["activity_decision"]:
        decision = client.decisions.filter(pk=data["activity_decision"]).first()
        if decision is None:
            form.add_error("activity_decision", _("Klienten har inget beslut med det numret."))
            return False
    try:
        transport_order_create(client=client, actor=request.user, carrier=data["carrier"], price=data["price"],
                               trips_per_week=data["trips_per_week"], weekdays=[int(d) for d in data["weekdays"]],
                               valid_from=data["valid_from"], valid_to=data["valid_to"], contract=data["contract"],
                               from_place=data["from_place"], to_place=data["to_place"], activity_decision=decision)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, _("Resebeställningen är registrerad."))
    return True


@role_required(see)
def transport_orders(request):
    today = timezone.localdate()
    may_change = _may_change(request.user)
    order_form = OrderForm(user=request.user, prefix="order") if may_change else None
    closed_form = ClosedDayForm(prefix="closed") if may_change else None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if "order-client" in request.POST:
            order_form = OrderForm(request.POST, user=request.user, prefix="order")
            if order_form.is_valid() and _order_post(request, order_form):
                return redirect("web:transport_orders")
        else:
            closed_form = ClosedDayForm(request.POST, prefix="closed")
            if closed_form.is_valid():
                try:
                    closed_day_add(day=closed_form.cleaned_data["day"], reason=closed_form.cleaned_data["reason"],
                                   actor=request.user)
                except ValidationError as error:
                    add_service_errors(closed_form, error)
                else:
                    messages.success(request, _("Den stängda dagen är registrerad."))
                    return redirect("web:transport_orders")
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
        "rows": rows, "order_form": order_form, "closed_form": closed_form,
        "closed_days": ClosedDay.objects.select_related("provider").filter(day__gte=today.replace(month=1, day=1))})
