"""The year plan (årsplanering): a month-by-month list for a year, the unit head's form to add, change and remove
dates, and the iCal feed (the user's events and the review due dates of their own decisions)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from insatskollen.accounts import access
from insatskollen.accounts.models import Team
from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.planning.access import may_change_year_plan
from insatskollen.planning.ical import calendar_text
from insatskollen.planning.models import EventKind, Recurrence
from insatskollen.planning.selectors import events_visible_to, feed_entries, year_plan
from insatskollen.planning.services import (
    EDITABLE_FIELDS,
    planned_event_create,
    planned_event_delete,
    planned_event_update,
    year_plan_defaults_install,
)
from insatskollen.web.forms import DateInput, add_service_errors
from insatskollen.web.views.common import role_required, year_from

REQUIRED = {"required": gettext_lazy("Fältet måste fyllas i.")}


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PlannedEventForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Rubrik"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(label=gettext_lazy("Typ"), choices=EventKind.choices, initial=EventKind.OTHER)
    team = forms.ModelChoiceField(label=gettext_lazy("Team"), queryset=Team.objects.order_by("name"), required=False,
                                  empty_label=gettext_lazy("Hela enheten"))
    first_date = forms.DateField(label=gettext_lazy("Datum (första gången)"), widget=DateInput,
                                 error_messages={**REQUIRED, "invalid": gettext_lazy("Ange datum som ÅÅÅÅ-MM-DD.")})
    recurrence = forms.ChoiceField(label=gettext_lazy("Upprepas"), choices=Recurrence.choices,
                                   initial=Recurrence.NONE)
    months = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Månader (när händelsen upprepas vissa månader)"), required=False, coerce=int,
        choices=[(m, SWEDISH_MONTHS[m - 1]) for m in range(1, 13)], widget=forms.CheckboxSelectMultiple)
    until = forms.DateField(label=gettext_lazy("Upprepas till och med"), widget=DateInput, required=False,
                            error_messages={"invalid": gettext_lazy("Ange datum som ÅÅÅÅ-MM-DD.")},
                            help_text=gettext_lazy("Tomt: utan slut."))
    start_time = forms.TimeField(label=gettext_lazy("Klockslag"), widget=TimeInput, required=False,
                                 error_messages={"invalid": gettext_lazy("Ange klockslag som TT:MM.")},
                                 help_text=gettext_lazy("Tomt: heldag."))
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Längd (minuter)"), min_value=1, max_value=24 * 60, initial=60,
        error_messages={**REQUIRED, "invalid": gettext_lazy("Ange ett heltal."),
                        "min_value": gettext_lazy("Längden ska vara minst 1 minut."),
                        "max_value": gettext_lazy("Längden kan vara högst 1 440 minuter (ett dygn).")})
    description = forms.CharField(label=gettext_lazy("Beskrivning"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


def _plan_url(year: int) -> str:
    return f"{reverse('web:year_plan')}?year={year}"


@login_required
def year_plan_page(request):
    today = timezone.localdate()
    year = year_from(request, today.year)
    team_ids = access.team_ids_visible(request.user)
    teams = Team.objects.order_by("name")
    visible = list(teams if team_ids is None else teams.filter(pk__in=team_ids))
    raw_team = request.GET.get("team", "")
    team = next((t for t in visible if str(t.pk) == raw_team), None)
    months = year_plan(request.user, year, team.pk if team else None)
    return render(request, "web/planning/year.html", {
        "year": year, "months": months, "teams": visible, "team": team, "today": today,
        "may_change": may_change_year_plan(request.user),
        "event_count": sum(len(m.occurrences) for m in months)})


@login_required
def year_plan_ical(request):
    text = calendar_text(feed_entries(request.user, timezone.localdate()), name=_("Insatskollen – årsplanering"),
                         stamp=timezone.now())
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="arsplanering.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _render_form(request, form, *, event=None):
    return render(request, "web/planning/form.html", {"form": form, "event": event})


@role_required(may_change_year_plan)
def year_plan_event_create(request):
    if request.method == "POST":
        form = PlannedEventForm(request.POST)
        if form.is_valid():
            try:
                event = planned_event_create(actor=request.user, **form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Händelsen ”%(title)s” är tillagd.") % {"title": event.title})
                return redirect(_plan_url(event.first_date.year))
    else:
        form = PlannedEventForm(initial={"first_date": request.GET.get("date") or timezone.localdate()})
    return _render_form(request, form)


@role_required(may_change_year_plan)
def year_plan_event_edit(request, pk: int):
    event = get_object_or_404(events_visible_to(request.user), pk=pk)
    if request.method == "POST":
        form = PlannedEventForm(request.POST)
        if form.is_valid():
            try:
                event = planned_event_update(event=event, actor=request.user, changes=form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Händelsen ”%(title)s” är ändrad.") % {"title": event.title})
                return redirect(_plan_url(event.first_date.year))
    else:
        form = PlannedEventForm(initial={name: getattr(event, name) for name in EDITABLE_FIELDS})
    return _render_form(request, form, event=event)


@require_POST
@role_required(may_change_year_plan)
def year_plan_event_delete(request, pk: int):
    event = get_object_or_404(events_visible_to(request.user), pk=pk)
    year, title = event.first_date.year, event.title
    planned_event_delete(event=event, actor=request.user)
    messages.success(request, _("Händelsen ”%(title)s” är borttagen.") % {"title": title})
    return redirect(_plan_url(year))


@require_POST
@role_required(may_change_year_plan)
def year_plan_defaults(request):
    raw = request.POST.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() and 1990 <= int(raw) <= 2100 else timezone.localdate().year
    added = year_plan_defaults_install(year=year, actor=request.user)
    messages.success(request, _("%(count)d standarddatum tillagda för %(year)d.") % {"count": added, "year": year})
    return redirect(_plan_url(year))
