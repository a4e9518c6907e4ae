"""Year plan writes: validation in Swedish, audit events, and the defaults installed once per year."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.planning.models import EventKind, PlannedEvent
from insatskollen.planning.selectors import occurrences_between
from insatskollen.planning.services import (
    planned_event_create,
    planned_event_delete,
    planned_event_update,
    year_plan_defaults_install,
)


def plan_events():
    return AuditEvent.objects.filter(action=AuditAction.YEAR_PLAN_CHANGED)


def test_create_change_and_delete_each_write_an_audit_event(hanna, team_a):
    event = planned_event_create(actor=hanna, title="Storgrupp med utförarna", kind=EventKind.OTHER,
                                 first_date=dt.date(2025, 4, 3), team=team_a)
    assert plan_events().get().actor == hanna
    planned_event_update(event=event, actor=hanna, changes={"title": "Storgrupp med utförarna", "until": None})
    assert plan_events().count() == 1  # nothing really changed: no event
    planned_event_update(event=event, actor=hanna, changes={"first_date": dt.date(2025, 4, 10)})
    assert plan_events().count() == 2
    assert plan_events().latest("at").detail["changes"]["first_date"] == ["2025-04-03", "2025-04-10"]
    planned_event_delete(event=event, actor=hanna)
    assert not PlannedEvent.objects.exists()
    assert plan_events().count() == 3


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": "  "}, "title"),
    ({"recurrence": "months", "months": []}, "months"),
    ({"recurrence": "months", "months": [13]}, "months"),
    ({"recurrence": "weekly", "until": dt.date(2024, 12, 31)}, "until"),
    ({"duration_minutes": 0}, "duration_minutes"),
])
def test_bad_input_is_refused_with_a_swedish_message_and_nothing_saved(hanna, fields, field):
    values = {"title": "APT", "first_date": dt.date(2025, 1, 9), **fields}
    with pytest.raises(ValidationError) as caught:
        planned_event_create(actor=hanna, **values)
    assert field in caught.value.message_dict
    assert not PlannedEvent.objects.exists() and not plan_events().exists()


def test_defaults_hold_measurement_dates_reports_and_a_weekly_conference_per_team(team_a, team_b):
    added = year_plan_defaults_install(year=2025)
    assert added == PlannedEvent.objects.count() > 0
    found = occurrences_between(PlannedEvent.objects.all(), dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    by_kind: dict[str, list] = {}
    for occurrence in found:
        by_kind.setdefault(occurrence.event.kind, []).append(occurrence)
    measurement = [o.day for o in by_kind[EventKind.MEASUREMENT_DATE] if o.event.title.startswith("Mättillfälle")]
    assert measurement == [dt.date(2025, 3, 31), dt.date(2025, 9, 30)]
    tertials = sorted(o.day for o in by_kind[EventKind.TERTIAL_REPORT] if "Tertial" in o.event.title)
    assert [d.month for d in tertials] == [5, 9] and all(d.weekday() < 5 for d in tertials)
    meetings = by_kind[EventKind.WORKPLACE_MEETING]
    assert sorted({o.day.month for o in meetings}) == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    conferences = by_kind[EventKind.CASE_CONFERENCE]
    for team in (team_a, team_b):
        days = [o.day for o in conferences if o.event.team == team]
        assert len(days) > 40 and len({d.weekday() for d in days}) == 1
        assert all(b - a == dt.timedelta(weeks=1) for a, b in itertools.pairwise(days))
    assert plan_events().get().detail == {"year": 2025, "added": added}


def test_installing_the_defaults_twice_adds_nothing_the_second_time(team_a):
    first = year_plan_defaults_install(year=2025)
    assert year_plan_defaults_install(year=2025) == 0
    assert PlannedEvent.objects.count() == first
    assert year_plan_defaults_install(year=2026) == first  # another year is its own set
