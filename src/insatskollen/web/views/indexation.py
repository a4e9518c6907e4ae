"""The January indexation page for the unit head: new prices from 1 January by a percentage or a price list, for all
decisions, a contract's or a code's, previewed (each decision's price then and after, the effect on the year)
before anything changes. The price list read at the preview is kept in the session until it is carried out."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.contracts.indexation import PriceList, indexation_plan, prices_index, read_price_list
from insatskollen.register.models import ChangeSource, Contract, InterventionType
from insatskollen.web.forms import SwedishDecimalField, add_service_errors, checked_upload
from insatskollen.web.uploads import store_upload
from insatskollen.web.views.common import role_required

SESSION_KEY = "indexation_price_list"
SHOWN = 200


class IndexationForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=2000, max_value=2100,
                              help_text=gettext_lazy("De nya priserna gäller från 1 januari detta år."))
    percent = SwedishDecimalField(label=gettext_lazy("Procent"), required=False,
                                  help_text=gettext_lazy("T.ex. 2,5. Lämna tomt om du laddar upp en prislista."))
    price_list = forms.FileField(label=gettext_lazy("Prislista"), required=False, help_text=gettext_lazy(
        ".csv eller .xlsx med kolumnerna Pris och Insatskod eller Avtal, och gärna Nivå."))
    contract = forms.ModelChoiceField(Contract.objects.all(), label=gettext_lazy("Bara avtal"), required=False,
                                      empty_label=gettext_lazy("Alla avtal"))
    code = forms.ChoiceField(label=gettext_lazy("Bara insatskod"), required=False)
    reason = forms.CharField(label=gettext_lazy("Skäl"), required=False, max_length=500, help_text=gettext_lazy(
        "Behövs om januari redan är stängd: då är indexeringen en rättelse."))
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = InterventionType.objects.order_by("code").values_list("code", "name")
        self.fields["code"].choices = [("", _("Alla insatskoder"))] + [(c, f"{c} {n}") for c, n in codes]

    def clean_price_list(self):
        return checked_upload(self.cleaned_data.get("price_list"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("percent") is None and not cleaned.get("price_list") and not cleaned.get("token"):
            self.add_error("percent", _("Ange en procentsats eller ladda upp en prislista."))
        if cleaned.get("percent") is not None and cleaned.get("price_list"):
            self.add_error("price_list", _("Välj antingen procentsats eller prislista, inte båda."))
        return cleaned


def _stored_price_list(request, token: str) -> PriceList | None:
    stored = request.session.get(SESSION_KEY)
    if not stored or not token or not secrets.compare_digest(stored["token"], token):
        return None
    return PriceList(by_contract={k: Decimal(v) for k, v in stored["by_contract"].items()},
                     by_level={tuple(k.split("\u0000")): Decimal(v) for k, v in stored["by_level"].items()},
                     by_code={k: Decimal(v) for k, v in stored["by_code"].items()})


def _keep_price_list(request, prices: PriceList) -> str:
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token, "by_contract": {k: str(v) for k, v in prices.by_contract.items()},
        "by_level": {"\u0000".join(k): str(v) for k, v in prices.by_level.items()},
        "by_code": {k: str(v) for k, v in prices.by_code.items()}}
    return token


@role_required(access.may_correct_register)
def indexation(request):
    context: dict = {}
    if request.method != "POST":
        form = IndexationForm(initial={"year": timezone.localdate().year + 1})
        return render(request, "web/contracts/indexation.html", {"form": form})
    form = IndexationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "web/contracts/indexation.html", {"form": form})
    data = form.cleaned_data
    price_list, token = None, data.get("token") or ""
    if data.get("price_list"):
        stored = store_upload(data["price_list"])
        try:
            price_list, errors = read_price_list(stored, file_name=data["price_list"].name)
        finally:
            stored.unlink(missing_ok=True)
        if errors:
            return render(request, "web/contracts/indexation.html", {"form": form, "errors": errors})
        token = _keep_price_list(request, price_list)
    elif data.get("percent") is None:
        price_list = _stored_price_list(request, token)
        if price_list is None:
            form.add_error("price_list", _("Prislistan har gått ut. Ladda upp den igen."))
            return render(request, "web/contracts/indexation.html", {"form": form})
    try:
        plan = indexation_plan(year=data["year"], percent=data.get("percent"), price_list=price_list,
                               contract=data.get("contract"), code=data.get("code") or "")
        if request.POST.get("confirm"):
            changed = prices_index(plan=plan, actor=request.user, reason=data.get("reason") or "",
                                   source=ChangeSource.UI)
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("%(description)s: priset ändrat från %(day)s för %(count)s beslut.")
                             % {"description": plan.description, "day": plan.valid_from.isoformat(),
                                "count": changed})
            return redirect("web:indexation")
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied):
            raise
        add_service_errors(form, error)
        return render(request, "web/contracts/indexation.html", {"form": form})
    data_for_confirm = request.POST.copy()
    data_for_confirm["token"] = token
    context.update(form=IndexationForm(data_for_confirm), plan=plan, shown=plan.items[:SHOWN],
                   more=max(len(plan.items) - SHOWN, 0))
    return render(request, "web/contracts/indexation.html", context)
