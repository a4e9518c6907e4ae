"""Orders to providers and their execution plans (genomförandeplaner). Writes go through orders.services."""

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
from insatskollen.orders.models import Order
from insatskollen.orders.selectors import missing_plans, orders_of
from insatskollen.orders.services import execution_plan_register, order_create, plan_due_days
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.forms import DateInput, add_service_errors
from insatskollen.web.views.decisions import is_ended, refuse_ended
from insatskollen.web.views.common import role_required

NOT_IN_FUTURE = gettext_lazy("Datumet kan inte ligga i framtiden.")


class OrderForm(forms.Form):
    ordered_on = forms.DateField(label=gettext_lazy("Beställningsdatum"), widget=DateInput,
                                 error_messages={"required": gettext_lazy("Ange beställningsdatum."),
                                                 "invalid": gettext_lazy("Skriv datumet ÅÅÅÅ-MM-DD.")})

    def clean_ordered_on(self):
        day = self.cleaned_data["ordered_on"]
        if day > timezone.localdate():
            raise ValidationError(NOT_IN_FUTURE)
        return day


class PlanForm(forms.Form):
    received_on = forms.DateField(label=gettext_lazy("Planen inkom"), widget=DateInput,
                                  error_messages={"required": gettext_lazy("Ange när planen kom in."),
                                                  "invalid": gettext_lazy("Skriv datumet ÅÅÅÅ-MM-DD.")})
    note = forms.CharField(label=gettext_lazy("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("T.ex. brister i planen eller vad som ska följas upp."))

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(NOT_IN_FUTURE)
        return day


def _visible_decision(user, pk: int):
    qs = decisions_visible_to(user).select_related("client__team", "intervention_type", "provider", "caseworker")
    return get_object_or_404(qs, pk=pk)


def _back_to(decision) -> str:
    return reverse("web:client", args=[decision.client_id]) + f"#beslut-{decision.pk}"


@role_required(access.may_change_decisions)
def worklist_plans(request):
    today = timezone.localdate()
    mine = request.GET.get("mina") == "1"
    decisions = decisions_visible_to(request.user)
    entries = missing_plans(decisions.filter(caseworker=request.user) if mine else decisions, today)
    return render(request, "web/orders/worklist.html", {
        "entries": entries, "today": today, "due_days": plan_due_days(), "mine": mine,
        "overdue_count": sum(1 for e in entries if e.overdue)})


@role_required(access.may_change_decisions)
def order_create_view(request, decision_pk: int):
    decision = _visible_decision(request.user, decision_pk)
    if is_ended(decision):
        return refuse_ended(request, decision)
    if request.method == "POST":
        form = OrderForm(request.POST)
        if form.is_valid():
            try:
                order = order_create(decision=decision, actor=request.user,
                                     ordered_on=form.cleaned_data["ordered_on"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Beställningen till %(provider)s är registrerad. Genomförandeplanen "
                                            "ska ha kommit in senast %(due)s.")
                                 % {"provider": order.provider.name, "due": order.plan_due.isoformat()})
                return redirect(_back_to(decision))
    else:
        form = OrderForm(initial={"ordered_on": timezone.localdate()})
    return render(request, "web/orders/create.html", {
        "form": form, "decision": decision, "client": decision.client, "due_days": plan_due_days(),
        "orders": orders_of(decision), "may_change": True})


@role_required(access.may_change_decisions)
def order_plan_view(request, pk: int):
    qs = Order.objects.filter(decision__in=decisions_visible_to(request.user)).select_related(
        "decision__client__team", "decision__intervention_type", "decision__caseworker", "provider", "sent_by")
    order = get_object_or_404(qs, pk=pk)
    decision = order.decision
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                execution_plan_register(order=order, actor=request.user,
                                        received_on=form.cleaned_data["received_on"],
                                        note=form.cleaned_data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Genomförandeplanen för beslut %(label)s är registrerad.")
                                 % {"label": decision.label})
                from_worklist = request.POST.get("next") == "worklist"
                return redirect(reverse("web:worklist_plans") if from_worklist else _back_to(decision))
    else:
        form = PlanForm(initial={"received_on": order.plan_received_on or timezone.localdate(),
                                 "note": order.plan_note})
    return render(request, "web/orders/plan.html", {
        "form": form, "order": order, "decision": decision, "client": decision.client,
        "today": timezone.localdate(),
        "from_worklist": (request.GET.get("next") or request.POST.get("next")) == "worklist"})
