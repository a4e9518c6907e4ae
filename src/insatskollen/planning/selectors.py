"""Reads of the year plan: the events a user sees, their dates in a range, and the iCal feed's entries.

Every date a rule gives that falls on a weekend or a Swedish holiday is moved to the next working day
(`workdays.py`); the occurrence keeps the planned date and the reason, so the page can say so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from insatskollen.accounts import access
from insatskollen.casework.reviews import is_active_on, next_review_due
from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.planning.ical import CalendarEntry
from insatskollen.planning.models import PlannedEvent, Recurrence
from insatskollen.planning.recurrence import occurrences
from insatskollen.planning.workdays import next_working_day
from insatskollen.register.selectors import decisions_visible_to

ICAL_DOMAIN = "insatskollen"
# A date the rule puts up to this many days before a range can be moved into it (Easter: Good Friday → Tuesday).
LOOK_BACK = dt.timedelta(days=14)


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: `day` the working day it is held, `planned` the date its rule gave, `moved_reason`
    why they differ ("lördag", "Nyårsdagen"), empty when they do not."""

    event: PlannedEvent
    day: dt.date
    planned: dt.date | None = None
    moved_reason: str = ""

    @property
    def moved(self) -> bool:
        return self.planned is not None and self.planned != self.day


@dataclass(frozen=True)
class MonthPlan:
    month: dt.date
    name: str
    occurrences: list[Occurrence]


def events_visible_to(user) -> QuerySet[PlannedEvent]:
    """The whole unit's events, plus the events of the teams the user may see (every team for the unit head,
    the controller and admins)."""
    qs = PlannedEvent.objects.select_related("team")
    teams = access.team_ids_visible(user)
    return qs if teams is None else qs.filter(Q(team__isnull=True) | Q(team_id__in=teams))


def occurrences_between(events, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every date of `events` held in [start, end], by date and time. A recurring event's dates move off weekends
    and holidays to the next working day, as do the unit's default dates; a one-off date a user picked is kept."""
    found = []
    for event in events:
        for planned in occurrences(event.first_date, event.recurrence, start - LOOK_BACK, end,
                                   months=event.months, until=event.until):
            if event.recurrence == Recurrence.NONE and not event.default_key:  # a date picked by hand is kept
                if start <= planned <= end:
                    found.append(Occurrence(event, planned, planned, ""))
                continue
            held = next_working_day(planned)
            if start <= held.day <= end:
                found.append(Occurrence(event, held.day, planned, held.reason if held.moved else ""))
    found.sort(key=lambda o: (o.day, o.event.start_time or dt.time.min, o.event.title))
    return found


def year_plan(user, year: int, team_id: int | None = None) -> list[MonthPlan]:
    """The year month by month. With `team_id`: the whole unit's events and that team's only."""
    qs = events_visible_to(user)
    if team_id is not None:
        qs = qs.filter(Q(team__isnull=True) | Q(team_id=team_id))
    found = occurrences_between(list(qs), dt.date(year, 1, 1), dt.date(year, 12, 31))
    by_month: dict[int, list[Occurrence]] = {m: [] for m in range(1, 13)}
    for occurrence in found:
        by_month[occurrence.day.month].append(occurrence)
    return [MonthPlan(dt.date(year, m, 1), SWEDISH_MONTHS[m - 1], by_month[m]) for m in range(1, 13)]


def review_due_dates(user, today: dt.date) -> list[tuple[object, dt.date]]:
    """(decision, next review due) for the user's own decisions active today, earliest first."""
    qs = decisions_visible_to(user).filter(caseworker=user).select_related("intervention_type")
    rows = [(d, next_review_due(d.decision_date, d.last_review_date)) for d in qs
            if is_active_on({"start_date": d.start_date, "end_date": d.end_date}, today)]
    rows.sort(key=lambda pair: (pair[1], pair[0].pk))
    return rows


def _with_move_note(entry: CalendarEntry, occurrence: Occurrence) -> CalendarEntry:
    note = f"Flyttad från {occurrence.planned.isoformat()} ({occurrence.moved_reason})."
    return replace(entry, description=f"{entry.description}\n{note}" if entry.description else note)


def feed_entries(user, today: dt.date) -> list[CalendarEntry]:
    """The iCal feed: the user's events from January this year to December next year, and the review due
    dates of the user's own decisions as all-day events, named by the decision's label only (no personnummer)."""
    start, end = dt.date(today.year, 1, 1), dt.date(today.year + 1, 12, 31)
    entries = []
    for occurrence in occurrences_between(list(events_visible_to(user)), start, end):
        event = occurrence.event
        summary = f"{event.title} ({event.team.name})" if event.team else event.title
        entries.append(CalendarEntry(
            uid=f"event-{event.pk}-{occurrence.planned:%Y%m%d}@{ICAL_DOMAIN}", summary=summary, day=occurrence.day,
            start_time=event.start_time, duration_minutes=event.duration_minutes, description=event.description,
            categories=event.get_kind_display()))
        if occurrence.moved:
            entries[-1] = _with_move_note(entries[-1], occurrence)
    for decision, due in review_due_dates(user, today):
        itype = decision.intervention_type
        entries.append(CalendarEntry(
            uid=f"review-{decision.pk}-{due:%Y%m%d}@{ICAL_DOMAIN}",
            summary=f"Omprövning senast: beslut {decision.label}", day=due,
            description=f"Beslut {decision.label}, {itype.code} {itype.name}. Omprövas senast {due.isoformat()}.",
            categories="Omprövning"))
    return entries
