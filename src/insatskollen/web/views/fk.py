"""The Försäkringskassan watch: candidates for an application, the cases at FK (applications, appeals and
retroactive claims) and the SoL → LSS review list."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.casework.sol_to_lss import NOTE as SOL_LSS_NOTE
from insatskollen.casework.sol_to_lss import sol_to_lss_items
from insatskollen.core.identity import InvalidIdentity, parse_personal_number
from insatskollen.fk.models import FkCaseKind, FkOutcome
from insatskollen.fk.rates import fk_rate
from insatskollen.fk.rules import may_change_fk, may_see_fk
from insatskollen.fk.selectors import (
    HOURS_BASIS_NOTE,
    claim_totals,
    fk_candidates,
    fk_cases,
    fk_cases_visible_to,
)
from insatskollen.fk.services import fk_case_decide, fk_case_register
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.web.forms import DateInput, SwedishDecimalField, add_service_errors
from insatskollen.web.people import with_names
from insatskollen.web.views.common import role_required


@role_required(may_see_fk)
def worklist_fk(request):
    today = timezone.localdate()
    candidates = with_names(fk_candidates(decisions_visible_to(request.user), today))
    cases = fk_cases(fk_cases_visible_to(request.user))
    return render(request, "web/fk/worklist.html", {
        "today": today, "candidates": candidates, "open_cases": [c for c in cases if c.is_open],
        "decided_cases": [c for c in cases if not c.is_open], "totals": claim_totals(cases),
        "saving_total": sum(i["yearly_saving"] for i in candidates), "rate": fk_rate(today.year),
        "hours_note": HOURS_BASIS_NOTE, "may_change": may_change_fk(request.user),
        "show_clients": access.may_see_personal_numbers(request.user),
    })


class FkCaseForm(forms.Form):
    personal_number = forms.CharField(label=gettext_lazy("Klientens personnummer"), required=False, max_length=13,
                                      help_text=gettext_lazy("ÅÅÅÅMMDD-NNNN"))
    kind = forms.ChoiceField(label=gettext_lazy("Typ av ärende"), choices=FkCaseKind.choices)
    submitted_on = forms.DateField(label=gettext_lazy("Inlämnad till Försäkringskassan"), required=False,
                                   widget=DateInput())
    expected_amount = SwedishDecimalField(label=gettext_lazy("Förväntat belopp (kr)"), required=False,
                                          help_text=gettext_lazy("Krävs för retroaktiv ersättning."))
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, client=None, **kwargs):
        self.user, self.client = user, client
        super().__init__(*args, **kwargs)
        if client is not None:
            del self.fields["personal_number"]

    def clean_personal_number(self):
        raw = self.cleaned_data["personal_number"].strip()
        if not raw:
            raise ValidationError(_("Ange klientens personnummer."))
        try:
            digits = parse_personal_number(raw).digits
        except InvalidIdentity as exc:
            raise ValidationError(str(exc)) from None
        client = clients_visible_to(self.user).filter(personal_number=digits).first()
        if client is None:
            raise ValidationError(_("Ingen klient med det personnumret finns bland de klienter du har behörighet "
                                    "till."))
        self.client = client
        return raw


def _from_query(request):
    """The client, decision and earlier case the form is prefilled from (?beslut=, ?klient=, ?arende=)."""
    decision = parent = client = None
    if (raw := request.GET.get("beslut", "")).isascii() and raw.isdigit():
        decision = get_object_or_404(decisions_visible_to(request.user).select_related("client"), pk=int(raw))
        client = decision.client
    if (raw := request.GET.get("arende", "")).isascii() and raw.isdigit():
        parent = get_object_or_404(fk_cases_visible_to(request.user), pk=int(raw))
        client = parent.client
    if (raw := request.GET.get("klient", "")).isascii() and raw.isdigit() and client is None:
        client = get_object_or_404(clients_visible_to(request.user), pk=int(raw))
    return client, decision, parent


@role_required(may_change_fk)
def fk_case_create(request):
    client, decision, parent = _from_query(request)
    default_kind = request.GET.get("typ") if request.GET.get("typ") in FkCaseKind.values else FkCaseKind.APPLICATION
    if request.method == "POST":
        form = FkCaseForm(request.POST, user=request.user, client=client)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = fk_case_register(client=form.client, actor=request.user, kind=data["kind"],
                                        submitted_on=data["submitted_on"], decision=decision, parent=parent,
                                        expected_amount=data["expected_amount"], note=data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Ärendet är registrerat."))
                return redirect("web:fk_case", pk=case.pk)
    else:
        form = FkCaseForm(user=request.user, client=client,
                          initial={"kind": default_kind, "submitted_on": timezone.localdate()})
    return render(request, "web/fk/case_form.html", {"form": form, "client": client, "decision": decision,
                                                     "parent": parent})


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Försäkringskassans beslut"),
                                choices=[(v, label) for v, label in FkOutcome.choices if v != FkOutcome.PENDING])
    decided_on = forms.DateField(label=gettext_lazy("Beslutsdatum"), required=False, widget=DateInput())
    hours_granted = SwedishDecimalField(label=gettext_lazy("Beviljade timmar per vecka"), required=False)
    received_amount = SwedishDecimalField(label=gettext_lazy("Erhållet belopp (kr)"), required=False)
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(forms.Form):
    submitted_on = forms.DateField(label=gettext_lazy("Överklagandet inlämnat"), required=False,
                                   widget=DateInput())
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


@role_required(may_see_fk)
def fk_case(request, pk: int):
    case = get_object_or_404(fk_cases_visible_to(request.user).select_related("created_by"), pk=pk)
    audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="fk_case", object_id=case.pk,
                 client_id=case.client_id, summary=f"FK-ärende {case.pk}", detail={"source": "web"})
    may_change = may_change_fk(request.user)
    decide_form = DecideForm(prefix="beslut", initial={"decided_on": timezone.localdate()})
    appeal_form = AppealForm(prefix="overklagande", initial={"submitted_on": timezone.localdate()})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied  # the controller reads; it has no form to post
        action = request.POST.get("action")
        if action == "decide":
            decide_form = DecideForm(request.POST, prefix="beslut")
            if decide_form.is_valid():
                try:
                    fk_case_decide(case=case, actor=request.user, **decide_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(decide_form, error)
                else:
                    messages.success(request, _("Försäkringskassans beslut är registrerat."))
                    return redirect("web:fk_case", pk=case.pk)
        elif action == "appeal":
            appeal_form = AppealForm(request.POST, prefix="overklagande")
            if appeal_form.is_valid():
                try:
                    appeal = fk_case_register(client=case.client, actor=request.user, kind=FkCaseKind.APPEAL,
                                              parent=case, decision=case.decision, **appeal_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(appeal_form, error)
                else:
                    messages.success(request, _("Överklagandet är registrerat."))
                    return redirect("web:fk_case", pk=appeal.pk)
    return render(request, "web/fk/case.html", {
        "case": case, "may_change": may_change, "decide_form": decide_form, "appeal_form": appeal_form,
        "may_appeal": may_change and case.kind != FkCaseKind.RETROACTIVE_CLAIM
        and case.outcome in (FkOutcome.REFUSED, FkOutcome.PARTLY),
        "follow_ups": case.follow_ups.order_by("submitted_on", "id"),
        "show_client": access.may_see_personal_numbers(request.user),
    })


@role_required(access.may_change_decisions)
def worklist_sol_lss(request):
    today = timezone.localdate()
    items = with_names(sol_to_lss_items(decisions_visible_to(request.user), today))
    return render(request, "web/fk/sol_lss.html", {"items": items, "today": today, "note": SOL_LSS_NOTE})
