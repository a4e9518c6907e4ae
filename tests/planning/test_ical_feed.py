"""The iCal feed: the user's events and the review due dates of their own decisions, without personnummer."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.planning.models import EventKind
from insatskollen.planning.services import planned_event_create
from tests.planning.test_ical import parse, unescape

URL = reverse("web:year_plan_ical")
JUNE_2025 = dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def feed_world(hanna, team_a, team_b, client_a, client_b, make_decision, bob, time_machine):
    time_machine.move_to(JUNE_2025, tick=False)
    planned_event_create(actor=hanna, title="APT, hela sektionen", kind=EventKind.WORKPLACE_MEETING,
                         first_date=dt.date(2025, 9, 4), start_time=dt.time(13, 0), duration_minutes=90)
    planned_event_create(actor=hanna, title="Ärendedragning A", kind=EventKind.CASE_CONFERENCE, team=team_a,
                         first_date=dt.date(2025, 9, 2), recurrence="weekly", until=dt.date(2025, 9, 16),
                         start_time=dt.time(9, 0), duration_minutes=120)
    planned_event_create(actor=hanna, title="Ärendedragning B", kind=EventKind.CASE_CONFERENCE, team=team_b,
                         first_date=dt.date(2025, 9, 3))
    make_decision(client_a, external_id="B-A1", decision_date=dt.date(2025, 1, 10),
                  last_review_date=dt.date(2025, 3, 3))
    make_decision(client_a, external_id="B-ENDED", end_date=dt.date(2025, 5, 31))
    make_decision(client_b, external_id="B-B1", caseworker=bob)


def test_caseworker_feed_holds_team_and_unit_events_and_own_review_dates(browser_for, alice, feed_world):
    response = browser_for(alice).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse(response.content.decode("utf-8"))
    summaries = sorted(unescape(e["SUMMARY"]) for e in events)
    assert summaries == ["APT, hela sektionen", "Omprövning senast: beslut B-A1",
                         "Ärendedragning A (Team Vuxna LSS)", "Ärendedragning A (Team Vuxna LSS)",
                         "Ärendedragning A (Team Vuxna LSS)"]
    review = next(e for e in events if "B-A1" in e["SUMMARY"])
    assert review["DTSTART;VALUE=DATE"] == "20260303"  # a year after the last review
    assert len({e["UID"] for e in events}) == len(events)
    apt = next(e for e in events if e["SUMMARY"].startswith("APT"))
    assert (apt["DTSTART"], apt["DTEND"]) == ("20250904T110000Z", "20250904T123000Z")  # 13:00–14:30 CEST


def test_feed_never_holds_a_personnummer(browser_for, alice, hanna, feed_world):
    for user in (alice, hanna):
        text = browser_for(user).get(URL).content.decode("utf-8").replace("\r\n ", "")
        for digits in ("198703121239", "19870312", "870312", "199507042464", "950704"):
            assert digits not in text


def test_unit_head_gets_every_team_and_no_one_elses_reviews(browser_for, hanna, feed_world):
    summaries = [unescape(e["SUMMARY"]) for e in parse(browser_for(hanna).get(URL).content.decode())]
    assert "Ärendedragning B (Team Barn och unga)" in summaries
    assert not any("Omprövning" in s for s in summaries)
