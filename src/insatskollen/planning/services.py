"""Writes to the year plan. Every function owns its transaction and writes a YEAR_PLAN_CHANGED audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from insatskollen.accounts.models import Team
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.planning.models import EventKind, PlannedEvent, Recurrence

EDITABLE_FIELDS = ("title", "kind", "team", "first_date", "recurrence", "months", "until", "start_time",
                   "duration_minutes", "description")
MAX_DURATION_MINUTES = 24 * 60


def _validate(event: PlannedEvent) -> None:
    """Swedish messages per field; nothing is saved when any is wrong."""
    errors: dict[str, str] = {}
    if not (event.title or "").strip():
        errors["title"] = "Ange en rubrik."
    if event.kind not in EventKind.values:
        errors["kind"] = "Välj en typ av händelse."
    if event.recurrence not in Recurrence.values:
        errors["recurrence"] = "Välj hur händelsen upprepas."
    if not isinstance(event.first_date, dt.date):
        errors["first_date"] = "Ange ett datum (ÅÅÅÅ-MM-DD)."
    months = event.months or []
    if event.recurrence == Recurrence.MONTHS:
        if not months or any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            errors["months"] = "Välj minst en månad (1–12) när händelsen upprepas vissa månader."
    elif months:
        event.months = []
    if event.until and isinstance(event.first_date, dt.date) and event.until < event.first_date:
        errors["until"] = "Slutdatumet kan inte ligga före första datumet."
    if event.recurrence == Recurrence.NONE:
        event.until = None
    if not isinstance(event.duration_minutes, int) or not 1 <= event.duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = "Längden ska vara mellan 1 och 1 440 minuter."
    if errors:
        raise ValidationError(errors)
    event.months = sorted(set(months)) if event.recurrence == Recurrence.MONTHS else []


def _audit(*, actor, event: PlannedEvent, verb: str, detail: dict | None = None) -> None:
    audit_record(actor=actor, action=AuditAction.YEAR_PLAN_CHANGED, object_type="planned_event",
                 object_id=event.pk, summary=f"Årsplanering: {event.title} {verb}", detail=detail or {})


@transaction.atomic
def planned_event_create(*, actor, **fields: Any) -> PlannedEvent:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    event = PlannedEvent(created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields)
    _validate(event)
    event.save()
    _audit(actor=actor, event=event, verb="tillagd", detail={"first_date": event.first_date.isoformat(),
                                                             "recurrence": event.recurrence})
    return event


@transaction.atomic
def planned_event_update(*, event: PlannedEvent, actor, changes: dict[str, Any]) -> PlannedEvent:
    """Apply `changes` (field → new value); only the fields that really changed are audited."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    event = PlannedEvent.objects.select_for_update().get(pk=event.pk)
    before = {name: getattr(event, name) for name in changes}
    for name, value in changes.items():
        setattr(event, name, value)
    _validate(event)
    changed = {name: [str(before[name]), str(getattr(event, name))] for name in changes
               if before[name] != getattr(event, name)}
    if changed:
        event.save()
        _audit(actor=actor, event=event, verb="ändrad", detail={"changes": changed})
    return event


@transaction.atomic
def planned_event_delete(*, event: PlannedEvent, actor) -> None:
    _audit(actor=actor, event=event, verb="borttagen",
           detail={"first_date": event.first_date.isoformat(), "kind": event.kind})
    event.delete()


def _working_day(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _defaults(year: int) -> list[dict[str, Any]]:
    """The unit's usual dates for `year`, each with a stable key. Grounded in the 2007 review and the 2018 plan."""
    end = dt.date(year, 12, 31)
    events: list[dict[str, Any]] = [
        {"key": "measurement", "title": "Mättillfälle för resursfördelningen", "kind": EventKind.MEASUREMENT_DATE,
         "first_date": dt.date(year, 3, 31), "recurrence": Recurrence.MONTHS, "months": [3, 9], "until": end,
         "description": "Antalet personer i LSS-boende och daglig verksamhet (och deras nivåer) räknas för "
                        "stadens resursfördelning. Ärenden för särskild redovisning ska vara anmälda."},
        {"key": "measurement-prep", "title": "Genomgång inför mättillfället", "kind": EventKind.MEASUREMENT_DATE,
         "first_date": dt.date(year, 3, 16), "recurrence": Recurrence.MONTHS, "months": [3, 9], "until": end,
         "description": "Gå igenom boende- och dagverksamhetsärenden, nivåer och underlag för särskild "
                        "redovisning. Nya handläggare får individuellt stöd."},
        {"key": "annual-report", "title": f"Årsrapport {year - 1}: underlag till controller",
         "kind": EventKind.TERTIAL_REPORT, "first_date": _working_day(dt.date(year, 1, 20)),
         "description": "Utfall, kostnader per insats och förklaringar till avvikelser för föregående år."},
        {"key": "tertial-1", "title": "Tertialrapport 1 (januari–april): underlag till controller",
         "kind": EventKind.TERTIAL_REPORT, "first_date": _working_day(dt.date(year, 5, 10)),
         "description": "Utfall januari–april, helårsprognos och förklaringar, fall för fall."},
        {"key": "tertial-2", "title": "Tertialrapport 2 (januari–augusti): underlag till controller",
         "kind": EventKind.TERTIAL_REPORT, "first_date": _working_day(dt.date(year, 9, 10)),
         "description": "Utfall januari–augusti, helårsprognos och förklaringar, fall för fall."},
        {"key": "review-check", "title": "Avstämning av omprövningar", "kind": EventKind.REVIEW_DEADLINE,
         "first_date": dt.date(year, 3, 20), "recurrence": Recurrence.MONTHS, "months": [3, 6, 9, 11], "until": end,
         "description": "Hur många av årets omprövningar är gjorda? Dyra insatser först."},
        {"key": "review-goal", "title": "Alla beslut omprövade under året", "kind": EventKind.REVIEW_DEADLINE,
         "first_date": _working_day(dt.date(year, 12, 15)),
         "description": "Målet: varje beslut omprövas minst en gång per år."},
        {"key": "unit-info", "title": "Information till hela sektionen", "kind": EventKind.OTHER,
         "first_date": _weekday_on_or_after(dt.date(year, 1, 8), 0), "recurrence": Recurrence.WEEKLY,
         "until": dt.date(year, 12, 18), "start_time": dt.time(10, 0), "duration_minutes": 30,
         "description": "Särskilt viktiga avgöranden i enskilda ärenden."},
    ]
    for month in range(1, 13):
        if month == 7:
            continue  # no workplace meeting in July
        events.append({"key": f"apt-{month:02d}", "title": "Arbetsplatsträff (APT)",
                       "kind": EventKind.WORKPLACE_MEETING,
                       "first_date": _weekday_on_or_after(dt.date(year, month, 1), 3),
                       "start_time": dt.time(13, 0), "duration_minutes": 120})
    for index, team in enumerate(Team.objects.order_by("name")):
        events.append({"key": f"conference-{team.code}", "title": f"Ärendedragning {team.name}",
                       "kind": EventKind.CASE_CONFERENCE, "team": team,
                       "first_date": _weekday_on_or_after(dt.date(year, 1, 8), 1 + index % 4),
                       "recurrence": Recurrence.WEEKLY, "until": dt.date(year, 12, 18),
                       "start_time": dt.time(9, 0), "duration_minutes": 120,
                       "description": "Leds av sektionschefen. Dyra och principiella ärenden först."})
    return events


@transaction.atomic
def year_plan_defaults_install(*, year: int, actor=None) -> int:
    """Add the usual dates for `year` (measurement dates, tertial and annual reports, review checks, weekly case
    conferences per team, monthly workplace meetings). Installing again adds only what is missing.
    Returns the number of events added."""
    existing = set(PlannedEvent.objects.filter(default_key__startswith=f"{year}:").values_list("default_key",
                                                                                               flat=True))
    added = []
    for spec in _defaults(year):
        key = f"{year}:{spec.pop('key')}"
        if key in existing:
            continue
        event = PlannedEvent(default_key=key, **spec)
        _validate(event)
        added.append(event)
    PlannedEvent.objects.bulk_create(added)
    audit_record(actor=actor, action=AuditAction.YEAR_PLAN_CHANGED, object_type="year_plan", object_id=year,
                 summary=f"Årsplanering {year}: {len(added)} standardhändelser tillagda",
                 detail={"year": year, "added": len(added)})
    return len(added)
