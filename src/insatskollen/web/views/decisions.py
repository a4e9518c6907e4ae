"""Registering, changing and ending a decision. Writes go through casework.services.decision_submit: within the
user's delegation the register's services write at once; beyond it a proposal goes to the unit head."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.casework.models import Proposal
from insatskollen.casework.services import Submission, decision_submit
from insatskollen.register.models import ChangeSource, Decision
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.web.forms import DecisionEndForm, DecisionForm, add_service_errors, decision_sections
from insatskollen.web.views.common import role_required

DECISION_FIELDS = ("intervention_type", "extent", "unit", "price", "provider", "decision_date", "start_date",
                   "end_date", "caseworker", "last_review_date", "level", "ifo_share_pct", "revenue_per_unit",
                   "revenue_source", "comment", "external_id")


def _client_url(client_id: int, anchor: str = "") -> str:
    return reverse("web:client", args=[client_id]) + (f"#{anchor}" if anchor else "")


def _visible_decision(user, pk: int) -> Decision:
    qs = decisions_visible_to(user).select_related("client", "client__team", "intervention_type", "provider",
                                                   "caseworker")
    return get_object_or_404(qs, pk=pk)


def _proposed(request, submission: Submission):
    """The feedback and the page to go to when the write became a proposal for the unit head."""
    messages.warning(request, submission.message)
    return redirect("web:proposal_detail", pk=submission.proposal.pk)


def _render_form(request, form, *, client, title, submit, decision=None):
    return render(request, "web/decisions/form.html", {
        "form": form, "sections": decision_sections(form), "client": client, "decision": decision,
        "title": title, "submit": submit,
    })


@role_required(access.may_change_decisions)
def decision_create_view(request, client_pk: int):
    client = get_object_or_404(clients_visible_to(request.user).select_related("team"), pk=client_pk)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                submission = decision_submit(actor=request.user, kind=Proposal.Kind.CREATE, source=ChangeSource.UI,
                                             fields={"client": client, **form.create_fields()})
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submission.proposal:
                    return _proposed(request, submission)
                decision = submission.decision
                messages.success(request, _("Beslutet %(label)s är registrerat.") % {"label": decision.label})
                return redirect(_client_url(client.pk, f"beslut-{decision.pk}"))
    else:
        initial = {"decision_date": timezone.localdate(), "ifo_share_pct": None}
        if request.user.role == Role.CASEWORKER:
            initial["caseworker"] = request.user.pk
        form = DecisionForm(initial=initial)
    return _render_form(request, form, client=client, title=_("Registrera nytt beslut"),
                        submit=_("Spara beslutet"))


@role_required(access.may_change_decisions)
def decision_change_view(request, pk: int):
    decision = _visible_decision(request.user, pk)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                before = decision.versions.count()
                submission = decision_submit(actor=request.user, kind=Proposal.Kind.CHANGE, decision=decision,
                                             source=ChangeSource.UI, fields=form.change_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submission.proposal:
                    return _proposed(request, submission)
                if decision.versions.count() == before:
                    messages.info(request, _("Inget ändrades i beslut %(label)s.") % {"label": decision.label})
                else:
                    messages.success(request, _("Beslut %(label)s är ändrat.") % {"label": decision.label})
                return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
    else:
        form = DecisionForm(initial={name: getattr(decision, name) for name in DECISION_FIELDS})
    return _render_form(request, form, client=decision.client, decision=decision,
                        title=_("Ändra beslut %(label)s") % {"label": decision.label}, submit=_("Spara ändringarna"))


@role_required(access.may_change_decisions)
def decision_end_view(request, pk: int):
    decision = _visible_decision(request.user, pk)
    if request.method == "POST":
        form = DecisionEndForm(request.POST, decision=decision)
        if form.is_valid():
            try:
                submission = decision_submit(actor=request.user, kind=Proposal.Kind.END, decision=decision,
                                             source=ChangeSource.UI, fields={"end_date": form.cleaned_data["end_date"]})
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submission.proposal:
                    return _proposed(request, submission)
                messages.success(request, _("Beslut %(label)s avslutas %(date)s.")
                                 % {"label": decision.label, "date": form.cleaned_data["end_date"].isoformat()})
                return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
    else:
        form = DecisionEndForm(decision=decision, initial={"end_date": decision.end_date})
    return render(request, "web/decisions/end.html", {"form": form, "decision": decision,
                                                      "client": decision.client})
