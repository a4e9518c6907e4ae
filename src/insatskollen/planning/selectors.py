"""Reads of the year plan: the events a user sees, their dates in a range, and the iCal feed's entries.

Every date a rule gives that falls on a weekend or a Swedish holiday is moved to the next working day
(`workdays.py`); the occurrence keeps the planned date and the reason, so the page can say so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from insatskollen.accounts import access
from insatskollen.allocation.preparation import OPENS_DAYS_BEFORE
from insatskollen.allocation.selectors import current_rates, measurement_days
from insatskollen.casework.reviews import is_active_on, next_review_due
from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.planning.ical import CalendarEntry
from insatskollen.planning.models import EventKind, PlannedEvent, Recurrence
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


MEASUREMENT_DEFAULT_SUFFIX = ":measurement"  # the installed default the allocation's own dates replace


def measurement_occurrences(start: dt.date, end: dt.date) -> list[Occurrence]:
    """The allocation's measurement dates (`allocation.MeasurementDate`, or 31 March and 30 September) in
    [start, end], and the day each one's worklist "Inför mättillfället" opens. Not moved to working days: the
    persons are counted on the date itself. The events are not stored (no pk): the dates are edited through
    `import_measurement_dates`. Only for years the allocation is in use (schablon imported)."""
    found = []
    in_use = set(current_rates().values_list("year", flat=True).distinct())
    for year in range(start.year, end.year + 2):
        if year not in in_use:
            continue
        for day in measurement_days(year):
            rule = ("Med sexmånadersregeln: en nivå som höjts de senaste sex månaderna räknas på den tidigare nivån."
                    if day.six_month_rule else "Utan sexmånadersregel.")
            opens = day.date - dt.timedelta(days=OPENS_DAYS_BEFORE)
            if start <= day.date <= end:
                event = PlannedEvent(title="Mättillfälle (resursfördelning)", kind=EventKind.MEASUREMENT_DATE,
                                     default_key="allocation-date",
                                     first_date=day.date,
                                     description="Personerna i LSS-boende och daglig verksamhet räknas per nivå. "
                                                 + rule)
                found.append(Occurrence(event, day.date, day.date, ""))
            if start <= opens <= end:
                event = PlannedEvent(title=f"Arbetslistan Inför mättillfället {day.date.isoformat()} öppnar",
                                     kind=EventKind.MEASUREMENT_DATE, first_date=opens,
                                     default_key="allocation-opens",
                                     description="Nivåer, höjda behov, särskild redovisning och flyttar att "
                                                 "åtgärda före mättillfället.")
                found.append(Occurrence(event, opens, opens, ""))
    return found


def with_measurement_dates(found: list[Occurrence], start: dt.date, end: dt.date) -> list[Occurrence]:
    """`found` with the allocation's measurement dates, replacing an installed default measurement event."""
    kept = [o for o in found if not o.event.default_key.endswith(MEASUREMENT_DEFAULT_SUFFIX)]
    kept += measurement_occurrences(start, end)
    kept.sort(key=lambda o: (o.day, o.event.start_time or dt.time.min, o.event.title))
    return kept


def year_plan(user, year: int, team_id: int | None = None) -> list[MonthPlan]:
    """The year month by month, with the allocation's measurement dates. With `team_id`: the whole unit's events
    and that team's only."""
    qs = events_visible_to(user)
    if team_id is not None:
        qs = qs.filter(Q(team__isnull=True) | Q(team_id=team_id))
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found = with_measurement_dates(occurrences_between(list(qs), first, last), first, last)
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
    for occurrence in with_measurement_dates(occurrences_between(list(events_visible_to(user)), start, end),
                                             start, end):
        event = occurrence.event
        summary = f"{event.title} ({event.team.name})" if event.team else event.title
        name = f"event-{event.pk}" if event.pk else event.default_key
        entries.append(CalendarEntry(
            uid=f"{name}-{occurrence.planned:%Y%m%d}@{ICAL_DOMAIN}", summary=summary, day=occurrence.day,
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
