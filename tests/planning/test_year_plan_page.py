"""The year plan page: everyone logged in reads it (caseworkers their own team's and the unit's events), only the
unit head and admins change it, every change through the service."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.planning.models import EventKind, PlannedEvent
from insatskollen.planning.services import planned_event_create

URL = reverse("web:year_plan")
CREATE = reverse("web:year_plan_event_create")
JUNE_2025 = dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def plan(hanna, team_a, team_b, time_machine):
    time_machine.move_to(JUNE_2025, tick=False)
    planned_event_create(actor=hanna, title="Mättillfälle", kind=EventKind.MEASUREMENT_DATE,
                         first_date=dt.date(2025, 3, 31), recurrence="months", months=[3, 9])
    planned_event_create(actor=hanna, title="Ärendedragning A", kind=EventKind.CASE_CONFERENCE, team=team_a,
                         first_date=dt.date(2025, 1, 7), recurrence="weekly", start_time=dt.time(9, 0),
                         duration_minutes=120)
    return planned_event_create(actor=hanna, title="Ärendedragning B", kind=EventKind.CASE_CONFERENCE,
                                team=team_b, first_date=dt.date(2025, 1, 8), recurrence="weekly")


def section(page: str, month: str, year: int = 2025) -> str:
    start = page.index(f">{month} {year}</h2>")
    return page[start:page.index("</section>", start)]


def test_month_by_month_tables_with_the_recurring_dates(browser_for, hanna, plan):
    page = browser_for(hanna).get(URL, {"year": 2025}).content.decode()
    assert page.count("<table>") == 12 and page.count("<caption") == 12
    september = section(page, "September")
    assert 'datetime="2025-09-30"' in september and "Mättillfälle" in september
    assert september.count("<td>Ärendedragning A") == 5  # Tuesdays 2, 9, 16, 23, 30 September
    assert "Ärendedragning B" in september
    assert "Mättillfälle" not in section(page, "Juni")
    assert 'href="' + reverse("web:year_plan_event_edit", args=[plan.pk]) in page


def test_caseworker_sees_the_unit_and_own_team_only_and_cannot_edit(browser_for, alice, plan):
    page = browser_for(alice).get(URL, {"year": 2025}).content.decode()
    assert "Ärendedragning A" in page and "Mättillfälle" in page
    assert "Ärendedragning B" not in page
    assert CREATE not in page
    assert browser_for(alice).get(CREATE).status_code == 403


def test_team_filter_narrows_to_that_team_and_the_unit(browser_for, hanna, plan, team_b):
    page = browser_for(hanna).get(URL, {"year": 2025, "team": team_b.pk}).content.decode()
    assert "Ärendedragning B" in page and "Mättillfälle" in page and "Ärendedragning A" not in page


def test_anonymous_is_sent_to_login(client, plan):
    for url in (URL, CREATE, reverse("web:year_plan_ical")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_controller_reads_but_may_not_change(browser_for, carl, plan):
    assert browser_for(carl).get(URL).status_code == 200
    assert browser_for(carl).get(reverse("web:year_plan_event_edit", args=[plan.pk])).status_code == 403
    assert browser_for(carl).post(reverse("web:year_plan_event_delete", args=[plan.pk])).status_code == 403
    assert browser_for(carl).post(reverse("web:year_plan_defaults"), {"year": 2025}).status_code == 403
    assert PlannedEvent.objects.filter(pk=plan.pk).exists()


def test_unit_head_adds_an_event_through_the_form(browser_for, hanna, team_a):
    response = browser_for(hanna).post(CREATE, {
        "title": "Tertialrapport 1", "kind": "tertial_report", "team": "", "first_date": "2025-05-12",
        "recurrence": "none", "duration_minutes": "60", "description": "Underlag, fall för fall"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?year=2025"
    event = PlannedEvent.objects.get()
    assert (event.title, event.team, event.first_date) == ("Tertialrapport 1", None, dt.date(2025, 5, 12))
    assert AuditEvent.objects.filter(action=AuditAction.YEAR_PLAN_CHANGED, actor=hanna).count() == 1


def test_bad_form_input_shows_swedish_errors_tied_to_the_fields(browser_for, ada):
    response = browser_for(ada).post(CREATE, {
        "title": "", "kind": "other", "first_date": "31/3", "recurrence": "months", "duration_minutes": "0"})
    page = response.content.decode()
    assert response.status_code == 200 and not PlannedEvent.objects.exists()
    assert "Fältet måste fyllas i." in page and "Ange datum som ÅÅÅÅ-MM-DD." in page
    assert "Längden ska vara minst 1 minut." in page
    assert 'aria-describedby="id_title_error"' in page


def test_months_are_required_when_repeating_in_some_months(browser_for, ada):
    response = browser_for(ada).post(CREATE, {
        "title": "Mät", "kind": "measurement_date", "first_date": "2025-03-31", "recurrence": "months",
        "duration_minutes": "60"})
    assert "Välj minst en månad" in response.content.decode() and not PlannedEvent.objects.exists()


def test_edit_and_delete(browser_for, hanna, plan):
    edit = reverse("web:year_plan_event_edit", args=[plan.pk])
    form = browser_for(hanna).get(edit).content.decode()
    assert 'value="Ärendedragning B"' in form
    browser_for(hanna).post(edit, {"title": "Ärendedragning barn", "kind": "case_conference", "team": plan.team_id,
                                   "first_date": "2025-01-08", "recurrence": "weekly", "duration_minutes": "120"})
    plan.refresh_from_db()
    assert plan.title == "Ärendedragning barn" and plan.duration_minutes == 120
    browser_for(hanna).post(reverse("web:year_plan_event_delete", args=[plan.pk]))
    assert not PlannedEvent.objects.filter(pk=plan.pk).exists()


def test_unit_head_installs_the_defaults_from_the_page(browser_for, hanna, team_a):
    response = browser_for(hanna).post(reverse("web:year_plan_defaults"), {"year": "2026"})
    assert response["Location"] == f"{URL}?year=2026"
    assert PlannedEvent.objects.filter(default_key__startswith="2026:").count() == PlannedEvent.objects.count() > 0


def test_dates_on_weekends_and_holidays_are_moved_and_the_page_says_why(browser_for, hanna, time_machine):
    time_machine.move_to(JUNE_2025, tick=False)
    planned_event_create(actor=hanna, title="APT", kind=EventKind.WORKPLACE_MEETING, first_date=dt.date(2026, 1, 1),
                         recurrence="yearly")
    planned_event_create(actor=hanna, title="Avstämning", kind=EventKind.REVIEW_DEADLINE,
                         first_date=dt.date(2026, 3, 20), recurrence="months", months=[3, 6])
    planned_event_create(actor=hanna, title="Påskmöte", kind=EventKind.OTHER, first_date=dt.date(2026, 4, 3),
                         recurrence="yearly")
    planned_event_create(actor=hanna, title="Lördagsutbildning", kind=EventKind.OTHER, first_date=dt.date(2026, 4, 18))
    planned_event_create(actor=hanna, title="Veckomöte", kind=EventKind.OTHER, first_date=dt.date(2026, 6, 12),
                         recurrence="weekly", until=dt.date(2026, 6, 26))
    page = browser_for(hanna).get(URL, {"year": 2026}).content.decode()
    january, march = section(page, "Januari", 2026), section(page, "Mars", 2026)
    april, june = section(page, "April", 2026), section(page, "Juni", 2026)
    assert 'datetime="2026-01-02">2026-01-02 fre</time>' in january
    assert "Flyttad från 2026-01-01 (Nyårsdagen)" in january and 'datetime="2026-01-01"' not in page
    assert 'datetime="2026-03-20">2026-03-20 fre</time>' in march and "Flyttad" not in march
    assert 'datetime="2026-06-22">2026-06-22 mån</time>' in june  # Saturday 20 June (midsommardagen)
    assert "Flyttad från 2026-06-20 (lördag, Midsommardagen)" in june
    assert "Flyttad från 2026-06-19 (Midsommarafton)" in june  # the weekly Friday meeting
    assert june.count('datetime="2026-06-12"') == june.count('datetime="2026-06-26"') == 1
    assert 'datetime="2026-04-07">2026-04-07 tis</time>' in april and "Flyttad från 2026-04-03 (Långfredagen)" in april
    assert 'datetime="2026-04-18">2026-04-18 lör</time>' in april  # a one-off date picked by hand is kept
