"""Closed months and the corrections made to them.

The controller closes each month once its ledger is in (an admin may reopen the latest); the unit head, the
controller and admins see every correction: a change recorded after a month closed that takes effect in it, or a
change of an ended decision, with its reason and its effect on the closed months.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from insatskollen.accounts import access
from insatskollen.followup.corrections import corrections, describe
from insatskollen.ledger.closing import month_close, month_name, month_reopen, next_month_to_close
from insatskollen.register.models import ClosedMonth
from insatskollen.register.periods import closed_through
from insatskollen.web.history import headline
from insatskollen.web.views.common import role_required

PAGE_SIZE = 50


class ReopenForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Skäl"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Varför månaden öppnas igen. Sparas i loggen."))


@role_required(access.may_see_followup)
def closed_months(request):
    months = list(ClosedMonth.objects.select_related("closed_by").order_by("-month")[:36])
    return render(request, "web/periods/closed_months.html", {
        "months": months, "next_month": next_month_to_close(), "through": closed_through(),
        "may_close": access.may_close_months(request.user), "may_reopen": access.may_reopen_months(request.user),
        "reopen_form": ReopenForm(), "month_name": month_name})


@role_required(access.may_close_months)
@require_POST
def close_month(request):
    month = next_month_to_close()
    if month is None or request.POST.get("month") != f"{month:%Y-%m}":
        messages.error(request, _("Ingen månad att stänga just nu, eller sidan var inaktuell. Försök igen."))
        return redirect("web:closed_months")
    try:
        month_close(month=month, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(month)s är stängd. Ändringar som påverkar den är nu rättelser.")
                         % {"month": month_name(month).capitalize()})
    return redirect("web:closed_months")


@role_required(access.may_reopen_months)
@require_POST
def reopen_month(request):
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv varför månaden öppnas igen."))
        return redirect("web:closed_months")
    try:
        month = month_reopen(actor=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("%(month)s är öppen igen.") % {"month": month_name(month).capitalize()})
    return redirect("web:closed_months")


@role_required(access.may_see_followup)
def correction_list(request):
    page = Paginator(corrections(), PAGE_SIZE).get_page(request.GET.get("sida"))
    items = describe(list(page.object_list))
    rows = [{"item": item, "headline": headline(item.version),
             "who": item.version.changed_by.display_name if item.version.changed_by else _("Systemet")}
            for item in items]
    return render(request, "web/periods/corrections.html", {"page": page, "rows": rows,
                                                            "through": closed_through()})
