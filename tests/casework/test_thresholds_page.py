import re

"""The level-threshold page: the unit head's list of decisions just below a level, closest first, with the
thresholds explained; configurable thresholds and margin."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.casework.thresholds import threshold_bands, threshold_just_above

URL = reverse("web:worklist_threshold")


@pytest.fixture
def near(client_a, client_b, make_decision, home_help, bob, time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    for label, client, hours, extra in [("B-38", client_a, "38", {}), ("B-19", client_b, "19.5", {"caseworker": bob}),
                                        ("B-40", client_a, "40", {}), ("B-30", client_a, "30", {})]:
        make_decision(client, external_id=label, intervention_type=home_help, unit="tim/vecka",
                      extent=Decimal(hours), price=Decimal(350), **extra)


def test_unit_head_sees_decisions_closest_to_a_threshold_first(browser_for, hanna, near):
    page = browser_for(hanna).get(URL).content.decode()
    assert page.index("B-19") < page.index("B-38")  # 0,5 hours under 20 before 2 hours under 40
    assert "B-40" not in page and "B-30" not in page
    assert "19,5" in page and "198703121239" not in page and "19870312-****" in page
    assert re.search(r'<caption id="tbl-\d+">Nivågränser och när ett beslut flaggas</caption>', page)
    assert ">18<" in page and ">36<" in page  # 10 % under 20 and 40


def test_team_filter(browser_for, hanna, team_b, near):
    page = browser_for(hanna).get(URL, {"team": team_b.pk}).content.decode()
    assert "B-19" in page and "B-38" not in page


def test_only_unit_head_and_admin(browser_for, client, alice, carl, ada, near):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    assert browser_for(alice).get(URL).status_code == 403
    assert browser_for(carl).get(URL).status_code == 403
    assert browser_for(ada).get(URL).status_code == 200


def test_thresholds_and_margin_come_from_settings(settings):
    assert threshold_just_above(Decimal(37)) == Decimal(40)
    settings.LEVEL_THRESHOLDS_HOURS = [50, 30]
    settings.LEVEL_THRESHOLD_MARGIN = "0.2"
    assert [(b.lower, b.threshold) for b in threshold_bands()] == [(Decimal(24), Decimal(30)),
                                                                  (Decimal(40), Decimal(50))]
    assert threshold_just_above(Decimal(37)) is None
    assert threshold_just_above(Decimal(24)) == Decimal(30)
    assert threshold_just_above(Decimal(30)) is None  # at the threshold is not below it
    assert threshold_just_above(Decimal("49.9")) == Decimal(50)


def test_the_page_follows_the_configured_thresholds(browser_for, hanna, near, settings):
    settings.LEVEL_THRESHOLDS_HOURS = [32]
    page = browser_for(hanna).get(URL).content.decode()
    assert "B-30" in page and "B-38" not in page and "B-19" not in page
