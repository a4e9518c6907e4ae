"""Casework pages: recording a review with its cost effect, review coverage, and decision proposals."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insatskollen.accounts import access
from insatskollen.casework.coverage import GOAL_PCT
from insatskollen.casework.delegation import describe
from insatskollen.casework.models import Proposal, ReviewRecord
from insatskollen.casework.reviews import next_review_due
from insatskollen.casework.selectors import coverage_for, proposals_visible_to
from insatskollen.casework.services import delegation_rules, proposal_approve, proposal_reject, review_record
from insatskollen.core.numbers import format_sek
from insatskollen.forecasting.snapshots import method_label
from insatskollen.register.models import Decision
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.charts import bar_chart
from insatskollen.web.forms import ProposalDecideForm, ReviewForm, add_service_errors
from insatskollen.web.history import plain_value
from insatskollen.web.views.common import role_required, year_from
from insatskollen.web.views.decisions import is_ended, refuse_ended

DECIDED_SHOWN = 30


def _decision(user, pk: int):
    qs = decisions_visible_to(user).select_related("client__team", "intervention_type", "provider", "caseworker")
    return get_object_or_404(qs, pk=pk)


@role_required(access.may_change_decisions)
def review_record_view(request, decision_pk: int):
    decision = _decision(request.user, decision_pk)
    if is_ended(decision):
        return refuse_ended(request, decision)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                review = review_record(decision=decision, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if review.proposal_id:
                    messages.success(request, _("Omprövningen är registrerad. Ändringen kräver sektionschefens "
                                                "godkännande: %(reason)s.") % {"reason": review.proposal.reason})
                else:
                    messages.success(request, _("Omprövningen av %(label)s är registrerad.")
                                     % {"label": decision.label})
                return redirect("web:review_result", pk=review.pk)
    else:
        form = ReviewForm(initial={"reviewed_on": timezone.localdate()})
    return render(request, "web/casework/review_form.html", {
        "form": form, "decision": decision,
        "due": next_review_due(decision.decision_date, decision.last_review_date),
        "earlier": decision.reviews.select_related("recorded_by")[:5]})


@role_required(access.may_change_decisions)
def review_result(request, pk: int):
    qs = ReviewRecord.objects.select_related("decision__client", "decision__intervention_type", "proposal")
    review = get_object_or_404(qs.filter(decision__in=decisions_visible_to(request.user)), pk=pk)
    forecast_change = None
    if review.forecast_net_before is not None and review.forecast_net_after is not None:
        forecast_change = review.forecast_net_after - review.forecast_net_before
    return render(request, "web/casework/review_result.html", {
        "review": review, "decision": review.decision, "forecast_change": forecast_change,
        "forecast_label": method_label(review.forecast_method) if review.forecast_method else "",
        "annual_change": review.annual_cost_after - review.annual_cost_before})


@role_required(access.may_change_decisions)
def review_coverage(request):
    today = timezone.localdate()
    year = year_from(request, today.year)
    result = coverage_for(decisions_visible_to(request.user), year, today)
    groups = result.teams if access.sees_whole_unit(request.user) else []
    chart = bar_chart([(s.label, s.pct) for s in result.caseworkers]) if result.caseworkers else None
    return render(request, "web/casework/coverage.html", {
        "coverage": result, "unit_shares": [result.unit], "year": year, "today": today, "goal": GOAL_PCT, "teams": groups, "chart": chart,
        "whole_unit": access.sees_whole_unit(request.user)})


@role_required(access.may_change_decisions)
def proposals(request):
    visible = proposals_visible_to(request.user)
    return render(request, "web/casework/proposals.html", {
        "pending": visible.filter(status=Proposal.Status.PENDING),
        "decided": visible.exclude(status=Proposal.Status.PENDING).order_by("-decided_at")[:DECIDED_SHOWN],
        "rules": [describe_rule(rule) for rule in delegation_rules()],
        "may_decide": access.may_approve_proposals(request.user)})


def describe_rule(rule) -> dict:
    return {"description": rule.description, "criteria": describe(rule)}


@role_required(access.may_change_decisions)
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(proposals_visible_to(request.user), pk=pk)
    may_decide = access.may_approve_proposals(request.user) and proposal.status == Proposal.Status.PENDING
    form = ProposalDecideForm()
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        form = ProposalDecideForm(request.POST)
        if form.is_valid():
            note = form.cleaned_data["note"]
            try:
                if form.cleaned_data["action"] == "approve":
                    decision = proposal_approve(proposal=proposal, actor=request.user, note=note)
                    messages.success(request, _("Förslaget är godkänt och beslut %(label)s är registrerat.")
                                     % {"label": decision.label})
                else:
                    proposal_reject(proposal=proposal, actor=request.user, note=note)
                    messages.success(request, _("Förslaget är avslaget. Registret är oförändrat."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("web:proposals")
    return render(request, "web/casework/proposal_detail.html", {
        "proposal": proposal, "form": form if may_decide else None, "fields": _field_rows(proposal)})


MONEY_FIELDS = {"price", "revenue_per_unit"}


def _shown(name: str, value) -> str:
    """A stored field value for reading, the Swedish way: related rows by name, "1 920 kr", "12,5" (extent),
    "25 %", unit labels; empty for None."""
    if value is None or value == "":
        return ""
    field = Decision._meta.get_field(name)
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(getattr(related, "display_name", related) or value)
    if name in MONEY_FIELDS:
        amount = Decimal(str(value))
        return format_sek(amount, 0 if amount == amount.to_integral_value() else 2)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = plain_value(name, value)
    return f"{text} %" if name == "ifo_share_pct" else text


# What a proposal keeps besides the decision's fields (casework.services.WRITE_OPTIONS).
OPTION_LABELS = {"valid_from": gettext_lazy("Ändringen gäller från"), "reason": gettext_lazy("Skäl")}


def _field_rows(proposal: Proposal) -> list[dict]:
    """The proposed values next to the decision's current ones (for a change or an end)."""
    rows = []
    for name, value in proposal.fields.items():
        if name in OPTION_LABELS:
            rows.append({"label": str(OPTION_LABELS[name]), "proposed": str(value or ""), "current": ""})
            continue
        current = getattr(proposal.decision, name, None) if proposal.decision_id else None
        label = Decision._meta.get_field(name).verbose_name
        rows.append({"label": str(label).capitalize(), "proposed": _shown(name, value),
                     "current": _shown(name, current)})
    return rows
