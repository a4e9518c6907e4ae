"""The contract watch: individual contracts expiring within 30/90/180 days, and renegotiating one of them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.contracts.models import Renegotiation
from insatskollen.contracts.rules import may_renegotiate, may_see_contracts
from insatskollen.contracts.selectors import SORTS, WINDOWS, contract_watch, renegotiation_effect
from insatskollen.contracts.services import contract_renegotiate, renegotiation_errors
from insatskollen.register.models import ChangeSource, Contract
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.survey.results import TOO_FEW
from insatskollen.survey.selectors import latest_by_provider
from insatskollen.web.forms import DateInput, SwedishDecimalField, add_service_errors
from insatskollen.web.views.common import role_required

RECENT_RENEGOTIATIONS = 10


def _choice(request, name: str, allowed: tuple, default):
    raw = request.GET.get(name, "")
    value = int(raw) if isinstance(default, int) and raw.isascii() and raw.isdigit() else raw
    return value if value in allowed else default


@role_required(may_see_contracts)
def worklist_contracts(request):
    today = timezone.localdate()
    within = _choice(request, "inom", WINDOWS, WINDOWS[-1])
    sort = _choice(request, "sortera", SORTS, "cost")
    items = contract_watch(decisions_visible_to(request.user), today, within=within, sort=sort,
                           visible_team_ids=access.team_ids_visible(request.user))
    recent = []
    if access.sees_whole_unit(request.user):
        recent = list(Renegotiation.objects.select_related("contract", "recorded_by")[:RECENT_RENEGOTIATIONS])
    surveys = latest_by_provider({i["provider"] for i in items})
    for item in items:
        found = surveys.get(item["provider"])
        item["survey"] = found[1].label if found else ""
    return render(request, "web/contracts/worklist.html", {
        "too_few": TOO_FEW, "items": items, "today": today, "within": within, "sort": sort, "windows": WINDOWS,
        "may_renegotiate": may_renegotiate(request.user), "recent": recent,
        "total_cost": sum(i["annual_cost"] for i in items),
        "total_excess": sum(i["annual_excess"] for i in items if i["annual_excess"] and i["annual_excess"] > 0),
    })


class RenegotiationForm(forms.Form):
    new_price = SwedishDecimalField(label=gettext_lazy("Nytt pris (kr per enhet)"), required=False)
    effective_from = forms.DateField(label=gettext_lazy("Nytt pris gäller från"), required=False,
                                     widget=DateInput())
    valid_to = forms.DateField(label=gettext_lazy("Avtalet gäller till (lämna tomt om oförändrat)"),
                               required=False, widget=DateInput())
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, contract: Contract, **kwargs):
        self.contract = contract
        super().__init__(*args, **kwargs)
        self.fields["new_price"].widget.attrs["required"] = True
        self.fields["effective_from"].widget.attrs["required"] = True

    def clean(self):
        """The service's own rules, with its Swedish messages, on the fields that parsed."""
        data = super().clean()
        for field, message in renegotiation_errors(
                contract=self.contract, new_price=data.get("new_price"),
                effective_from=data.get("effective_from"), valid_to=data.get("valid_to")).items():
            if field not in self.errors and (field in data or field not in self.fields):
                self.add_error(field, message)
        return data


@role_required(may_renegotiate)
def contract_renegotiate_view(request, pk: int):
    contract = get_object_or_404(Contract.objects.select_related("provider", "client", "intervention_type"),
                                 pk=pk)
    effect = None
    if request.method == "POST":
        form = RenegotiationForm(request.POST, contract=contract)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "save":
                try:
                    renegotiation = contract_renegotiate(
                        contract=contract, actor=request.user, new_price=data["new_price"],
                        effective_from=data["effective_from"], valid_to=data["valid_to"], note=data["note"],
                        source=ChangeSource.UI)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Avtal %(ref)s är omförhandlat. %(count)s beslut har fått det nya "
                                                "priset.") % {"ref": contract.reference,
                                                              "count": renegotiation.decisions_changed})
                    return redirect(reverse("web:worklist_contracts"))
            else:
                effect = renegotiation_effect(contract=contract, new_price=data["new_price"],
                                              effective_from=data["effective_from"])
    else:
        form = RenegotiationForm(contract=contract, initial={"effective_from": contract.valid_to})
    # The decisions' own prices today: indexed since the agreement, they can differ from the contract's price.
    decision_prices = sorted(set(contract.decisions.exclude(end_date__lt=timezone.localdate())
                                 .values_list("price", flat=True)))
    return render(request, "web/contracts/renegotiate.html", {
        "contract": contract, "form": form, "effect": effect, "decision_prices": decision_prices,
        "history": contract.renegotiations.select_related("recorded_by"),
    })
