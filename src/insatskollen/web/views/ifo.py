"""Kostnadsdelning med IFO: the agreements, the "Svarte Petter" list (IFO involved, no agreement), disputes and
their follow-up, and the monthly recharge statement (page, xlsx, PDF). Writes go through costsharing.services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.accounts.models import Unit
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.identity import InvalidIdentity, mask_personal_number, parse_personal_number
from insatskollen.core.months import month_label
from insatskollen.core.numbers import InvalidValue, parse_month
from insatskollen.costsharing import selectors
from insatskollen.costsharing.models import DisputeStatus, ShareKind
from insatskollen.costsharing.render import render_statement_pdf, render_statement_xlsx
from insatskollen.costsharing.services import (
    ifo_involvement_set,
    sharing_agreement_create,
    sharing_dispute_record,
    sharing_dispute_resolve,
)
from insatskollen.register.selectors import clients_visible_to
from insatskollen.web.forms import DateInput, add_service_errors
from insatskollen.web.views.common import role_required

see = access.may_see_followup
change = access.may_change_budget
DATE_ERRORS = {"invalid": gettext_lazy("Skriv datumet ÅÅÅÅ-MM-DD.")}


def _person(user):
    full = access.may_see_personal_numbers(user)
    return (lambda digits: f"{digits[:8]}-{digits[8:]}") if full else mask_personal_number


class ClientField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=gettext_lazy("Klientens personnummer"), max_length=20,
                         help_text=gettext_lazy("ÅÅÅÅMMDD-NNNN"), **kwargs)


def _client(user, raw: str):
    try:
        digits = parse_personal_number(raw).digits
    except InvalidIdentity as error:
        raise ValidationError(str(error)) from None
    client = clients_visible_to(user).filter(personal_number=digits).first()
    if client is None:
        raise ValidationError(_("Ingen klient med det personnumret finns hos enheten."))
    return client


class FlagForm(forms.Form):
    client = ClientField()
    note = forms.CharField(label=gettext_lazy("Varför är IFO involverat?"), required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_client(self):
        return _client(self.user, self.cleaned_data["client"])


class DisputeForm(forms.Form):
    client = ClientField()
    reason = forms.CharField(label=gettext_lazy("Vad gäller tvisten?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    month = forms.CharField(label=gettext_lazy("Månad (ÅÅÅÅ-MM)"), required=False, max_length=7)
    amount = forms.DecimalField(label=gettext_lazy("Belopp (kr)"), required=False, min_value=0, max_digits=12,
                                decimal_places=2)
    follow_up_on = forms.DateField(label=gettext_lazy("Följs upp senast"), required=False, widget=DateInput,
                                   error_messages=DATE_ERRORS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_client(self):
        return _client(self.user, self.cleaned_data["client"])

    def clean_month(self):
        raw = self.cleaned_data["month"]
        if not raw:
            return None
        try:
            return parse_month(raw)
        except InvalidValue as error:
            raise ValidationError(str(error)) from None


@role_required(see)
def ifo_sharing(request):
    today = timezone.localdate()
    may_change = change(request.user)
    flag_form = FlagForm(user=request.user, prefix="flag")
    dispute_form = DisputeForm(user=request.user, prefix="tvist")
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if "flag-client" in request.POST:
            flag_form = FlagForm(request.POST, user=request.user, prefix="flag")
            if flag_form.is_valid():
                ifo_involvement_set(client=flag_form.cleaned_data["client"], actor=request.user, involved=True,
                                    note=flag_form.cleaned_data["note"])
                messages.success(request, _("Klienten är markerad: IFO är involverat."))
                return redirect("web:ifo_sharing")
        else:
            dispute_form = DisputeForm(request.POST, user=request.user, prefix="tvist")
            if dispute_form.is_valid():
                data = dispute_form.cleaned_data
                try:
                    sharing_dispute_record(client=data["client"], actor=request.user, reason=data["reason"],
                                           month=data["month"], amount=data["amount"],
                                           follow_up_on=data["follow_up_on"])
                except ValidationError as error:
                    add_service_errors(dispute_form, error)
                else:
                    messages.success(request, _("Tvisten är registrerad."))
                    return redirect("web:ifo_sharing")
    teams = access.team_ids_visible(request.user)
    petter = selectors.svarte_petter(today, team_ids=teams)
    agreements = list(selectors.agreements_visible_to(request.user).order_by("-valid_from")[:300])
    disputes = list(selectors.disputes_visible_to(request.user).order_by("status", "follow_up_on", "-raised_on")[:300])
    clients = sorted({p.client.pk for p in petter} | {a.client_id for a in agreements}
                     | {d.client_id for d in disputes})
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="ifo sharing",
                 summary="Kostnadsdelning med IFO", detail={"clients": clients})
    person = _person(request.user)
    return render(request, "web/ifo/sharing.html", {
        "today": today, "petter": [{"item": p, "person": person(p.client.personal_number)} for p in petter],
        "petter_total": sum((p.year_cost for p in petter), start=0),
        "agreements": [{"a": a, "person": person(a.client.personal_number),
                        "active": a.valid_from <= today and (a.valid_to is None or a.valid_to >= today)}
                       for a in agreements],
        "disputes": [{"d": d, "person": person(d.client.personal_number),
                      "overdue": d.status == DisputeStatus.OPEN and d.follow_up_on and d.follow_up_on < today}
                     for d in disputes],
        "may_change": may_change, "flag_form": flag_form, "dispute_form": dispute_form})


class AgreementForm(forms.Form):
    client = ClientField()
    decision = forms.IntegerField(label=gettext_lazy("Beslut (nummer)"), required=False, min_value=1,
                                  help_text=gettext_lazy("Tomt: avtalet gäller alla klientens beslut under "
                                                         "perioden."))
    kind = forms.ChoiceField(label=gettext_lazy("IFO:s andel anges i"), choices=ShareKind.choices,
                             widget=forms.RadioSelect)
    share_pct = forms.DecimalField(label=gettext_lazy("Andel (%)"), required=False, max_digits=6, decimal_places=2)
    amount_per_month = forms.DecimalField(label=gettext_lazy("Kronor per månad"), required=False, max_digits=12,
                                          decimal_places=2)
    valid_from = forms.DateField(label=gettext_lazy("Gäller från"), widget=DateInput, error_messages=DATE_ERRORS)
    valid_to = forms.DateField(label=gettext_lazy("Gäller till och med"), required=False, widget=DateInput,
                               error_messages=DATE_ERRORS, help_text=gettext_lazy("Tomt: tills vidare."))
    signed_on = forms.DateField(label=gettext_lazy("Undertecknat"), widget=DateInput, error_messages=DATE_ERRORS)
    signed_by = forms.CharField(label=gettext_lazy("Undertecknat av (IFO)"), max_length=200)
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_client(self):
        return _client(self.user, self.cleaned_data["client"])


@role_required(change)
def ifo_agreement_create(request):
    form = AgreementForm(request.POST or None, user=request.user,
                         initial={"client": request.GET.get("klient", ""), "kind": ShareKind.PERCENT})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = data["client"]
        decision = None
        if data["decision"]:
            decision = client.decisions.filter(pk=data["decision"]).first()
            if decision is None:
                form.add_error("decision", _("Klienten har inget beslut med det numret."))
        if not form.errors:
            try:
                sharing_agreement_create(
                    client=client, actor=request.user, kind=data["kind"], share_pct=data["share_pct"],
                    amount_per_month=data["amount_per_month"], valid_from=data["valid_from"],
                    valid_to=data["valid_to"], signed_on=data["signed_on"], signed_by=data["signed_by"],
                    decision=decision, note=data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Avtalet är registrerat. Registrets IFO-andel följer avtalet."))
                return redirect("web:ifo_sharing")
    return render(request, "web/ifo/agreement_form.html", {"form": form})


class ResolveForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=DisputeStatus.choices)
    resolution = forms.CharField(label=gettext_lazy("Vad har hänt?"), max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label=gettext_lazy("Följs upp senast"), required=False, widget=DateInput,
                                   error_messages=DATE_ERRORS)


@role_required(see)
def ifo_dispute(request, pk: int):
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    may_change = change(request.user)
    form = ResolveForm(request.POST or None, initial={"status": dispute.status, "resolution": dispute.resolution,
                                                      "follow_up_on": dispute.follow_up_on})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                sharing_dispute_resolve(dispute=dispute, actor=request.user, status=form.cleaned_data["status"],
                                        resolution=form.cleaned_data["resolution"],
                                        follow_up_on=form.cleaned_data["follow_up_on"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Tvisten är uppdaterad."))
                return redirect("web:ifo_sharing")
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="ifo dispute", object_id=dispute.pk,
                 client_id=dispute.client_id, summary=dispute.client.masked_personal_number)
    return render(request, "web/ifo/dispute.html", {
        "dispute": dispute, "person": _person(request.user)(dispute.client.personal_number), "form": form,
        "may_change": may_change})


def _month(request) -> dt.date:
    today = timezone.localdate()
    default = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    try:
        return parse_month(request.GET["manad"]) if request.GET.get("manad") else default
    except InvalidValue:
        return default


@role_required(see)
def ifo_recharge(request):
    month = _month(request)
    statement = selectors.recharge_statement(month, request.user)
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="ifo recharge",
                 object_id=month_label(month), summary=f"Vidarefakturering till IFO {month_label(month)}",
                 detail={"clients": sorted({line.client.pk for line in statement.lines})})
    person = _person(request.user)
    year = [(m, selectors.recharge_statement(m, request.user).total)
            for m in (dt.date(month.year, i, 1) for i in range(1, month.month + 1))]
    return render(request, "web/ifo/recharge.html", {
        "month": month, "label": month_label(month), "statement": statement, "year": year,
        "year_total": sum((t for _, t in year), start=0),
        "lines": [{"line": line, "person": person(line.client.personal_number)} for line in statement.lines]})


@role_required(see)
def ifo_recharge_download(request, kind: str):
    if kind not in ("xlsx", "pdf"):
        raise Http404
    month = _month(request)
    statement = selectors.recharge_statement(month, request.user)
    person = _person(request.user)
    if kind == "xlsx":
        content = render_statement_xlsx(statement, person)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        unit = Unit.objects.order_by("pk").values_list("name", flat=True).first() or ""
        content = render_statement_pdf(statement, person, unit)
        content_type = "application/pdf"
    name = f"vidarefakturering-ifo-{month_label(month)}.{kind}"
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="ifo recharge",
                 object_id=month_label(month), summary=f"Vidarefakturering hämtad: {name}",
                 detail={"format": kind, "clients": sorted({line.client.pk for line in statement.lines})})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
