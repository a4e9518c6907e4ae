"""Forms of the page Resursfördelning: särskild redovisning claims and level reassessment requests, recorded and
decided by the unit head and the controller (`access.may_change_allocation`) through `allocation.services`, which
audit every write. The two "new" forms are shown on the page itself; a form with errors comes back on its own page
with the error summary."""

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
from insatskollen.allocation.models import (
    ClaimStatus,
    LevelRequest,
    RequestStatus,
    StaffingKind,
)
from insatskollen.allocation.selectors import current_rates, level_requests, measurement_days, special_claims
from insatskollen.allocation.services import (
    level_request_create,
    level_request_decide,
    special_claim_create,
    special_claim_decide,
)
from insatskollen.core.identity import mask_personal_number
from insatskollen.core.numbers import format_sek
from insatskollen.register.models import Decision
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.forms import DateInput, SwedishDecimalField, add_service_errors
from insatskollen.web.views.common import role_required

REQUIRED = {"required": gettext_lazy("Fältet måste fyllas i.")}
DATE_ERRORS = {**REQUIRED, "invalid": gettext_lazy("Ange datum som ÅÅÅÅ-MM-DD.")}
OUTCOME = [("granted", gettext_lazy("Beviljad")), ("refused", gettext_lazy("Avslagen"))]


class DecisionField(forms.CharField):
    """A decision by its Beslut-id, among those the user may see."""

    def __init__(self, **kwargs):
        super().__init__(label=gettext_lazy("Beslut-id"), max_length=64, error_messages=REQUIRED,
                         help_text=gettext_lazy("Beslutet om boende eller daglig verksamhet, t.ex. B-1042."), **kwargs)


class _WithDecision(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_decision(self):
        label = self.cleaned_data["decision"].strip()
        qs = decisions_visible_to(self.user).select_related("client", "intervention_type")
        decision = qs.filter(external_id=label).first()
        if decision is None and label.lstrip("#").isdigit():
            decision = qs.filter(pk=int(label.lstrip("#"))).first()
        if decision is None:
            raise ValidationError(_("Hittar inget beslut med Beslut-id %(label)s.") % {"label": label})
        if not current_rates().filter(code=decision.intervention_type.code).exists():
            raise ValidationError(_("Insatskod %(code)s har ingen schablon i resursfördelningen.")
                                  % {"code": decision.intervention_type.code})
        return decision


class ClaimForm(_WithDecision):
    prefix = "claim"  # two forms share the page: their fields' ids must differ
    decision = DecisionField()
    measurement_date = forms.DateField(label=gettext_lazy("Mättillfälle"), widget=DateInput,
                                       error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(label=gettext_lazy("Dubbelbemanning"), choices=StaffingKind.choices,
                             error_messages=REQUIRED,
                             help_text=gettext_lazy("Från 2018 ger bara hela dagen eller större delen av dagen "
                                                    "ersättning; del av dagen registreras men räknas inte."))
    amount_claimed = SwedishDecimalField(label=gettext_lazy("Begärt belopp (kr)"), min_value=0,
                                         error_messages=REQUIRED)
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_measurement_date(self):
        day = self.cleaned_data["measurement_date"]
        if day not in {d.date for d in measurement_days(day.year)}:
            raise ValidationError(_("%(day)s är inget mättillfälle %(year)d.") % {"day": day.isoformat(),
                                                                                  "year": day.year})
        return day


class ClaimDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Beslut"), choices=OUTCOME, widget=forms.RadioSelect,
                                error_messages=REQUIRED)
    decided_on = forms.DateField(label=gettext_lazy("Beslutsdatum"), widget=DateInput, error_messages=DATE_ERRORS)
    amount_granted = SwedishDecimalField(label=gettext_lazy("Beviljat belopp (kr)"), min_value=0, required=False,
                                         help_text=gettext_lazy("Fylls i när redovisningen beviljas."))


class LevelRequestForm(_WithDecision):
    prefix = "level"
    decision = DecisionField()
    requested_level = forms.CharField(label=gettext_lazy("Begärd nivå"), max_length=20, error_messages=REQUIRED)
    need_increased_on = forms.DateField(label=gettext_lazy("Behovet ökade"), widget=DateInput,
                                        error_messages=DATE_ERRORS,
                                        help_text=gettext_lazy("Sexmånadersregeln räknar från detta datum."))
    requested_on = forms.DateField(label=gettext_lazy("Begäran skickad"), widget=DateInput,
                                   error_messages=DATE_ERRORS)
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LevelDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Beslut"), choices=OUTCOME, widget=forms.RadioSelect,
                                error_messages=REQUIRED)
    decided_on = forms.DateField(label=gettext_lazy("Beslutsdatum"), widget=DateInput, error_messages=DATE_ERRORS)
    applies_from = forms.DateField(label=gettext_lazy("Ny nivå gäller från"), widget=DateInput, required=False,
                                   error_messages={"invalid": gettext_lazy("Ange datum som ÅÅÅÅ-MM-DD.")},
                                   help_text=gettext_lazy("Fylls i när begäran beviljas. Registrera sedan nivån "
                                                          "som en ändring av beslutet från samma datum."))
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _back(year: int, anchor: str) -> str:
    return f"{reverse('web:allocation')}?year={year}#{anchor}"


def _person(request, client) -> str:
    """The person as this reader may see them: the controller never sees a full personnummer."""
    number = client.personal_number
    return number if access.may_see_personal_numbers(request.user) else mask_personal_number(number)


def _render(request, form, *, title: str, intro: str = "", subject=None):
    return render(request, "web/allocation/form.html", {"form": form, "title": title, "intro": intro,
                                                        "subject": subject})


def new_forms(user, year: int) -> dict:
    """The unbound "new" forms the page shows."""
    days = [d.date for d in measurement_days(year)]
    today = timezone.localdate()
    upcoming = next((d for d in days if d >= today), days[-1] if days else None)
    return {"claim_form": ClaimForm(user=user, initial={"measurement_date": upcoming}),
            "request_form": LevelRequestForm(user=user, initial={"requested_on": today})}


@role_required(access.may_change_allocation)
def allocation_claim_create(request):
    form = ClaimForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        decision: Decision = values["decision"]
        try:
            claim = special_claim_create(actor=request.user, client=decision.client,
                                         intervention_type=decision.intervention_type,
                                         measurement_date=values["measurement_date"], kind=values["kind"],
                                         amount_claimed=values["amount_claimed"], note=values["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = _("Särskild redovisning registrerad för beslut %(label)s.") % {"label": decision.label}
            if not claim.payable:
                text += " " + _("Den är inte ersättningsgill: %(reason)s") % {"reason": claim.not_payable_reason}
            messages.success(request, text)
            return redirect(_back(claim.measurement_date.year, "claims"))
    return _render(request, form, title=_("Registrera särskild redovisning"))


@role_required(access.may_change_allocation)
def allocation_claim_decide(request, pk: int):
    claim = get_object_or_404(special_claims(user=request.user), pk=pk)
    form = ClaimDecisionForm(request.POST or None, initial={"decided_on": timezone.localdate(),
                                                            "amount_granted": claim.amount_claimed})
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        granted = values["outcome"] == "granted"
        try:
            special_claim_decide(actor=request.user, claim=claim, granted=granted, decided_on=values["decided_on"],
                                 amount_granted=values["amount_granted"] if granted else None)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Beslutet om den särskilda redovisningen är registrerat."))
            return redirect(_back(claim.measurement_date.year, "claims"))
    intro = (f"{_person(request, claim.client)}, {claim.intervention_type.code}, mättillfället "
             f"{claim.measurement_date.isoformat()}: {claim.get_kind_display()}, begärt "
             f"{format_sek(claim.amount_claimed)}, {claim.get_status_display().lower()}.")
    if not claim.payable:
        intro += " " + _("Ej ersättningsgill: %(reason)s") % {"reason": claim.not_payable_reason}
    return _render(request, form, title=_("Besluta om särskild redovisning"), intro=intro, subject=claim)


@role_required(access.may_change_allocation)
def allocation_level_request_create(request):
    form = LevelRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        decision: Decision = values["decision"]
        try:
            made = level_request_create(actor=request.user, client=decision.client,
                                        intervention_type=decision.intervention_type, decision=decision,
                                        current_level=decision.level, requested_level=values["requested_level"],
                                        need_increased_on=values["need_increased_on"],
                                        requested_on=values["requested_on"], note=values["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Begäran om nivå %(level)s för beslut %(label)s är registrerad.")
                             % {"level": made.requested_level, "label": decision.label})
            return redirect(_back(made.requested_on.year, "requests"))
    return _render(request, form, title=_("Registrera begäran om ny nivå"))


@role_required(access.may_change_allocation)
def allocation_level_request_decide(request, pk: int):
    level_request: LevelRequest = get_object_or_404(level_requests(user=request.user), pk=pk)
    form = LevelDecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        granted = values["outcome"] == "granted"
        try:
            level_request_decide(actor=request.user, request=level_request, granted=granted,
                                 decided_on=values["decided_on"], applies_from=values["applies_from"],
                                 note=values["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Beslutet om begäran är registrerat."))
            return redirect(_back(level_request.requested_on.year, "requests"))
    intro = (f"{_person(request, level_request.client)}, {level_request.intervention_type.code}: nivå "
             f"{level_request.current_level or '–'} → "
             f"{level_request.requested_level}, behovet ökade {level_request.need_increased_on.isoformat()}.")
    return _render(request, form, title=_("Besluta om begäran om ny nivå"), intro=intro, subject=level_request)


PENDING_CLAIMS = (ClaimStatus.PREPARED, ClaimStatus.SUBMITTED)
PENDING_REQUESTS = (RequestStatus.PENDING,)
