"""Registering, changing and ending a decision. Writes go through casework.services.decision_submit: within the
user's delegation the register's services write at once; beyond it a proposal goes to the unit head.

A change names the day its terms take effect ("Gäller från", by default the first of next month) and is previewed
before it is saved: the cost of each month before and after, a warning when it corrects a closed month. A form
opened before someone else saved a change is refused with what changed meanwhile, the user's input kept. An ended
decision is read-only: only the unit head may correct it, with a reason.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.casework.models import Proposal
from insatskollen.casework.services import Submission, decision_submit
from insatskollen.core.months import add_months
from insatskollen.register.models import ChangeSource, Decision
from insatskollen.register.periods import closed_through, has_ended
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.register.services import (
    DecisionChangedMeanwhile,
    correction_rules,
    ensure_version,
    normalise_value,
)
from insatskollen.register.timeline import TERM_FIELDS
from insatskollen.web.decision_preview import preview_change
from insatskollen.web.forms import (
    DecisionChangeForm,
    DecisionCreateForm,
    DecisionEndForm,
    add_service_errors,
    decision_sections,
)
from insatskollen.web.history import version_rows
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


def _audit_form_read(request, *, client, decision: Decision | None = None) -> None:
    """A decision form shows the client and the decision's terms: opening it is a read, written to the log."""
    if decision is not None:
        audit_record(actor=request.user, action=AuditAction.DECISION_VIEWED, object_type="decision",
                     object_id=decision.pk, client_id=client.pk, summary=decision.label,
                     detail={"source": "web", "form": request.resolver_match.url_name})
    else:
        audit_record(actor=request.user, action=AuditAction.CLIENT_VIEWED, object_type="client", object_id=client.pk,
                     client_id=client.pk, summary=client.masked_personal_number,
                     detail={"source": "web", "form": request.resolver_match.url_name})


def is_ended(decision: Decision) -> bool:
    return has_ended(decision.end_date, timezone.localdate())


def refuse_ended(request, decision: Decision):
    """An ended decision's forms are not offered: back to the client page with the reason."""
    messages.error(request, _("Beslut %(label)s upphörde %(end)s och kan inte ändras, avslutas, omprövas eller "
                              "beställas. Sektionschefen kan göra en rättelse.")
                   % {"label": decision.label, "end": decision.end_date.isoformat()})
    return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))


def _proposed(request, submission: Submission):
    """The feedback and the page to go to when the write became a proposal for the unit head."""
    messages.success(request, submission.message)  # a confirmation: the proposal is sent, nothing went wrong
    return redirect("web:proposal_detail", pk=submission.proposal.pk)


def _render_form(request, form, *, client, title, submit, decision=None, **extra):
    return render(request, "web/decisions/form.html", {
        "form": form, "sections": decision_sections(form), "client": client, "decision": decision,
        "title": title, "submit": submit, **extra,
    })


FOREIGN = ("intervention_type", "provider", "caseworker")


def _attribute(name: str) -> str:
    return f"{name}_id" if name in FOREIGN else name


def _form_text(form, name: str, value) -> str:
    """A decision's value as the form's field would show it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    prepared = form.fields[name].prepare_value(value) if name in form.fields else value
    return str(prepared)


def _stale(form, error: DecisionChangedMeanwhile):
    """Refuse the stale form, nothing lost: the fields the user changed (against the version they opened) stay as
    they wrote them; every other field now shows the decision as it is; a field both changed is pointed out."""
    decision = error.decision
    data = form.data.copy()
    data["version"] = str(decision.version)
    data.pop("confirm", None)
    base = decision.versions.filter(number=error.expected).first()
    conflicts = []
    if base is not None and hasattr(form, "cleaned_data") and "intervention_type" in form.fields:
        for name in DECISION_FIELDS:
            if name not in form.cleaned_data:
                continue
            attribute = _attribute(name)
            posted = form.cleaned_data[name]
            posted = normalise_value(attribute, getattr(posted, "pk", posted))
            now = normalise_value(attribute, getattr(decision, attribute))
            opened = normalise_value(attribute, getattr(base, attribute)) if hasattr(base, attribute) else now
            if posted == opened:
                data[name] = _form_text(form, name, now)
            elif now != opened:
                conflicts.append(name)
    fresh = type(form)(data, decision=decision, may_correct="reason" in form.fields)
    fresh.is_valid()
    fresh.add_error(None, str(error))
    for name in conflicts:
        fresh.add_error(name, _("Ändrades också under tiden. Ditt värde står kvar: kontrollera det innan du sparar."))
    return fresh, version_rows(error.versions)


def _correction_refusal(user, decision: Decision, preview, changes: dict) -> ValidationError | None:
    """A change that corrects a closed month, by someone who may not make corrections: refused at the preview."""
    if not preview.is_correction or access.may_correct_register(user):
        return None
    field = "valid_from" if set(changes) & set(TERM_FIELDS) else next(
        (f for f in ("end_date", "start_date") if f in changes), "valid_from")
    try:
        correction_rules(actor=user, decision=decision, affects_from=preview.affects_from, reason="-", field=field,
                         through=preview.closed_through, ended=preview.ended)
    except ValidationError as error:
        return error
    except PermissionDenied as error:
        return ValidationError(str(error))
    return None


def default_valid_from(decision: Decision, today: dt.date | None = None) -> dt.date:
    """The first day of next month, inside the decision's period."""
    today = today or timezone.localdate()
    day = max(add_months(today.replace(day=1), 1), decision.start_date)
    return min(day, decision.end_date) if decision.end_date else day


@role_required(access.may_change_decisions)
def decision_create_view(request, client_pk: int):
    client = get_object_or_404(clients_visible_to(request.user).select_related("team"), pk=client_pk)
    may_correct = access.may_correct_register(request.user)
    if request.method == "POST":
        form = DecisionCreateForm(request.POST, may_correct=may_correct)
        if form.is_valid():
            try:
                submission = decision_submit(actor=request.user, kind=Proposal.Kind.CREATE, source=ChangeSource.UI,
                                             fields={"client": client, **form.create_fields()},
                                             reason=form.cleaned_data.get("reason", ""))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submission.proposal:
                    return _proposed(request, submission)
                decision = submission.decision
                messages.success(request, _("Beslutet %(label)s är registrerat.") % {"label": decision.label})
                return redirect(_client_url(client.pk, f"beslut-{decision.pk}"))
    else:
        _audit_form_read(request, client=client)
        initial = {"decision_date": timezone.localdate(), "ifo_share_pct": None}
        if request.user.role == Role.CASEWORKER:
            initial["caseworker"] = request.user.pk
        form = DecisionCreateForm(initial=initial, may_correct=may_correct)
    return _render_form(request, form, client=client, title=_("Registrera nytt beslut"),
                        submit=_("Spara beslutet"), closed_through=closed_through())


@role_required(access.may_change_decisions)
def decision_change_view(request, pk: int):
    decision = _visible_decision(request.user, pk)
    may_correct = access.may_correct_register(request.user)
    ended = is_ended(decision)
    if ended and not may_correct:
        return refuse_ended(request, decision)
    title = (_("Rätta beslut %(label)s") if ended else _("Ändra beslut %(label)s")) % {"label": decision.label}
    context = {"client": decision.client, "decision": decision, "title": title, "ended": ended,
               "closed_through": closed_through()}
    if request.method != "POST":
        _audit_form_read(request, client=decision.client, decision=decision)
        initial = {name: getattr(decision, name) for name in DECISION_FIELDS}
        initial.update(version=decision.version, valid_from=default_valid_from(decision))
        form = DecisionChangeForm(initial=initial, decision=decision, may_correct=may_correct)
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), **context)
    form = DecisionChangeForm(request.POST, decision=decision, may_correct=may_correct)
    if not form.is_valid():
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), **context)
    try:
        ensure_version(decision, form.cleaned_data["version"])
    except DecisionChangedMeanwhile as error:
        form, meanwhile = _stale(form, error)
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), meanwhile=meanwhile, **context)
    changes = form.change_fields()
    if not changes:
        messages.info(request, _("Inget ändrades i beslut %(label)s.") % {"label": decision.label})
        return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
    valid_from = form.cleaned_data["valid_from"]
    try:
        preview = preview_change(decision, changes, valid_from)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), **context)
    refusal = _correction_refusal(request.user, decision, preview, changes)
    if refusal is not None:
        add_service_errors(form, refusal)
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), **context)
    if not request.POST.get("confirm"):
        return _render_form(request, form, submit=_("Förhandsgranska igen"), preview=preview, **context)
    try:
        submission = decision_submit(actor=request.user, kind=Proposal.Kind.CHANGE, decision=decision,
                                     source=ChangeSource.UI, fields=changes, valid_from=valid_from,
                                     expected_version=form.cleaned_data["version"],
                                     reason=form.cleaned_data.get("reason", ""))
    except DecisionChangedMeanwhile as error:
        form, meanwhile = _stale(form, error)
        return _render_form(request, form, submit=_("Förhandsgranska ändringen"), meanwhile=meanwhile, **context)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_form(request, form, submit=_("Förhandsgranska igen"), preview=preview, **context)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
    if submission.proposal:
        return _proposed(request, submission)
    messages.success(request, _("Beslut %(label)s är ändrat.") % {"label": decision.label})
    return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))


@role_required(access.may_change_decisions)
def decision_end_view(request, pk: int):
    decision = _visible_decision(request.user, pk)
    may_correct = access.may_correct_register(request.user)
    if is_ended(decision) and not may_correct:
        return refuse_ended(request, decision)
    context = {"decision": decision, "client": decision.client, "closed_through": closed_through()}
    if request.method == "POST":
        form = DecisionEndForm(request.POST, decision=decision, may_correct=may_correct)
        if form.is_valid():
            try:
                submission = decision_submit(actor=request.user, kind=Proposal.Kind.END, decision=decision,
                                             source=ChangeSource.UI, fields={"end_date": form.cleaned_data["end_date"]},
                                             expected_version=form.cleaned_data["version"],
                                             reason=form.cleaned_data.get("reason", ""))
            except DecisionChangedMeanwhile as error:
                form, meanwhile = _stale(form, error)
                return render(request, "web/decisions/end.html", {"form": form, "meanwhile": meanwhile, **context})
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
            else:
                if submission.proposal:
                    return _proposed(request, submission)
                messages.success(request, _("Beslut %(label)s avslutas %(date)s.")
                                 % {"label": decision.label, "date": form.cleaned_data["end_date"].isoformat()})
                return redirect(_client_url(decision.client_id, f"beslut-{decision.pk}"))
    else:
        _audit_form_read(request, client=decision.client, decision=decision)
        form = DecisionEndForm(decision=decision, may_correct=may_correct,
                               initial={"end_date": decision.end_date, "version": decision.version})
    return render(request, "web/decisions/end.html", {"form": form, **context})
