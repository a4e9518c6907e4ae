"""Case conference (ärendedragning) pages: the weeks per team, the agenda with its comparison panels and
minutes, the PDF, and flagging a case as a policy question. Caseworkers see their own team's conferences."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.conferences.agenda import high_cost_threshold, monday_of
from insatskollen.conferences.models import Conference, PolicyQuestion
from insatskollen.conferences.render_pdf import pdf_file_name, render_conference_pdf
from insatskollen.conferences.selectors import (
    agenda_groups,
    conferences_visible_to,
    may_attend,
    may_lead,
    teams_visible_to,
    week_overview,
    with_counts,
)
from insatskollen.conferences.services import (
    agenda_item_minutes_record,
    conference_close,
    conference_prepare,
    policy_question_raise,
)
from insatskollen.core.numbers import InvalidValue, parse_date
from insatskollen.register.selectors import clients_visible_to
from insatskollen.web.conference_forms import CloseForm, MinutesForm, PolicyQuestionForm
from insatskollen.web.forms import add_service_errors
from insatskollen.web.views.common import role_required

WEEKS_AHEAD = 4
HELD_SHOWN = 12


def _conference(user, pk: int) -> Conference:
    return get_object_or_404(conferences_visible_to(user), pk=pk)


def _conference_url(conference: Conference, anchor: str = "") -> str:
    return reverse("web:conference", args=[conference.pk]) + (f"#{anchor}" if anchor else "")


@role_required(may_attend)
def conferences(request):
    user = request.user
    this_week = monday_of(timezone.localdate())
    held = with_counts(conferences_visible_to(user).filter(week_start__lt=this_week)).order_by("-week_start")
    questions = (PolicyQuestion.objects.filter(resolved=False, client__in=clients_visible_to(user))
                 .select_related("client__team", "decision__intervention_type", "raised_by"))
    return render(request, "web/conferences/list.html", {
        "overview": week_overview(user, this_week, WEEKS_AHEAD), "held": held[:HELD_SHOWN],
        "questions": questions, "this_week": this_week, "threshold": high_cost_threshold()})


@role_required(may_attend)
@require_POST
def conference_prepare_view(request):
    team = teams_visible_to(request.user).filter(code=request.POST.get("team", "")).first()
    if team is None:
        raise Http404
    try:
        week = monday_of(parse_date(request.POST.get("week", "")))
    except InvalidValue:
        messages.error(request, _("Ange veckan som ett datum (ÅÅÅÅ-MM-DD)."))
        return redirect("web:conferences")
    this_week = monday_of(timezone.localdate())
    if not this_week <= week <= this_week + dt.timedelta(weeks=52):
        messages.error(request, _("En dagordning kan bara tas fram för denna vecka och upp till ett år framåt."))
        return redirect("web:conferences")
    try:
        conference = conference_prepare(team=team, week=week, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:conferences")
    messages.success(request, _("Dagordningen är framtagen: %(count)s ärenden, %(routine)s rutinärenden "
                                "utelämnade.") % {"count": conference.items.count(),
                                                  "routine": conference.routine_count})
    return redirect(_conference_url(conference))


def _render_conference(request, conference: Conference, *, bound: dict | None = None, close_form=None):
    """The agenda page; `bound` maps an item's pk to a form with the errors of a failed submission."""
    groups = agenda_groups(conference)
    for group in groups:
        for item in group["items"]:
            item.form = (bound or {}).get(item.pk) or MinutesForm(item=item)
    items = [item for group in groups for item in group["items"]]
    return render(request, "web/conferences/detail.html", {
        "conference": conference, "groups": groups, "item_count": len(items),
        "treated_count": sum(1 for item in items if item.outcome),
        "may_lead": may_lead(request.user), "editable": not conference.is_held,
        "close_form": close_form or CloseForm(initial={"held_on": timezone.localdate()}),
    })


@role_required(may_attend)
def conference_detail(request, pk: int):
    return _render_conference(request, _conference(request.user, pk))


@role_required(may_attend)
@require_POST
def agenda_item_minutes(request, pk: int, item_pk: int):
    conference = _conference(request.user, pk)
    item = get_object_or_404(conference.items.all(), pk=item_pk)
    if conference.is_held:
        messages.error(request, _("Ärendedragningen är avslutad; protokollet är låst."))
        return redirect(_conference_url(conference, f"punkt-{item.pk}"))
    form = MinutesForm(request.POST, item=item)
    if form.is_valid():
        try:
            agenda_item_minutes_record(item=item, actor=request.user, minutes=form.cleaned_data["minutes"],
                                       outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Protokollet för punkt %(n)s är sparat.") % {"n": item.position})
            return redirect(_conference_url(conference, f"punkt-{item.pk}"))
    return _render_conference(request, conference, bound={item.pk: form})


@role_required(may_lead)
@require_POST
def conference_close_view(request, pk: int):
    conference = _conference(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            conference_close(conference=conference, actor=request.user, held_on=form.cleaned_data["held_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ärendedragningen är markerad som genomförd; protokollet är låst."))
            return redirect(_conference_url(conference))
    return _render_conference(request, conference, close_form=form)


@role_required(may_attend)
def conference_pdf(request, pk: int):
    conference = _conference(request.user, pk)
    file_name = pdf_file_name(conference)
    content = render_conference_pdf(conference)
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="conference",
                 object_id=conference.pk, summary=f"Dagordning och protokoll {conference} (PDF)",
                 detail={"file": file_name})
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@role_required(may_attend)
def policy_question_raise_view(request, client_pk: int):
    client = get_object_or_404(clients_visible_to(request.user).select_related("team"), pk=client_pk)
    form = PolicyQuestionForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            policy_question_raise(client=client, actor=request.user, text=form.cleaned_data["text"],
                                  decision=form.cleaned_data["decision"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ärendet är anmält som principfråga till teamets nästa ärendedragning."))
            return redirect("web:client", pk=client.pk)
    return render(request, "web/conferences/flag.html", {"client": client, "form": form})
