import re

"""The review pages: recording a review in the browser shows the cost effect; filters; coverage; access."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.casework.models import ReviewRecord

JUNE_16_2025 = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(JUNE_16_2025, tick=False)


@pytest.fixture
def home_help_20h(make_decision, client_a, home_help):
    return make_decision(client_a, external_id="B-HH", intervention_type=home_help, unit="tim/vecka",
                         extent=Decimal(20), price=Decimal(350), decision_date=dt.date(2024, 5, 2),
                         start_date=dt.date(2024, 5, 2))


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_recording_a_reduction_shows_the_cost_effect(browser_for, alice, home_help_20h):
    url = reverse("web:review_record", args=[home_help_20h.pk])
    form = text(browser_for(alice).get(url))
    assert "Minskat" in form and "Behovet har minskat" in form and "19870312-****" in form
    response = browser_for(alice).post(url, {"outcome": "reduced", "reviewed_on": "2025-06-16",
                                             "extent_after": "12", "effective_from": "2025-07-01"}, follow=True)
    page = text(response)
    review = ReviewRecord.objects.get()
    assert response.redirect_chain[-1][0] == reverse("web:review_result", args=[review.pk])
    # 20 and 12 hours × 350 kr × 365 / 7; effect (12 − 20) × 350 × 184 days / 7.
    assert "365 000 kr" in page and "219 000 kr" in page and "−73 600 kr" in page.replace("-", "−")
    assert "Enhetens prognos" in page


def test_swedish_error_tied_to_the_field_and_nothing_written(browser_for, alice, home_help_20h):
    url = reverse("web:review_record", args=[home_help_20h.pk])
    page = text(browser_for(alice).post(url, {"outcome": "reduced", "reviewed_on": "2025-06-16",
                                               "extent_after": "25"}))
    assert "lägre än nuvarande 20" in page and 'href="#id_extent_after"' in page
    assert ReviewRecord.objects.count() == 0
    page = text(browser_for(alice).post(url, {"reviewed_on": "2025-06-16"}))
    assert "Utfall" in page and "error-summary" in page


def test_reviews_list_links_to_recording_and_filters(browser_for, alice, hanna, home_help_20h, make_decision,
                                                     client_b, bob):
    make_decision(client_b, external_id="B-TEAMB", caseworker=bob, decision_date=dt.date(2024, 8, 1),
                  start_date=dt.date(2024, 8, 1))  # due 2025-08-01: within 90 days, not overdue
    url = reverse("web:worklist_reviews")
    page = text(browser_for(alice).get(url))
    assert reverse("web:review_record", args=[home_help_20h.pk]) in page and "B-TEAMB" not in page
    unit = text(browser_for(hanna).get(url))
    assert "B-HH" in unit and "B-TEAMB" in unit
    overdue = text(browser_for(hanna).get(url, {"period": "overdue"}))
    assert "B-HH" in overdue and "B-TEAMB" not in overdue
    team_b = text(browser_for(hanna).get(url, {"team": "team-b"}))
    assert "B-HH" not in team_b and "B-TEAMB" in team_b
    bobs = text(browser_for(hanna).get(url, {"caseworker": str(bob.pk)}))
    assert "B-HH" not in bobs and "B-TEAMB" in bobs


def test_caseworker_default_is_own_decisions(browser_for, alice, team_a, home_help_20h, make_decision, client_a):
    from tests.conftest import make_user

    other = make_user("olle", "caseworker", team_a, first_name="Olle")
    make_decision(client_a, external_id="B-OLLE", caseworker=other, decision_date=dt.date(2024, 3, 1),
                  start_date=dt.date(2024, 3, 1))
    url = reverse("web:worklist_reviews")
    mine = text(browser_for(alice).get(url))
    assert "B-HH" in mine and "B-OLLE" not in mine
    assert "B-OLLE" in text(browser_for(alice).get(url, {"caseworker": "alla"}))


def test_coverage_page_has_chart_and_table(browser_for, alice, hanna, home_help_20h, make_decision, client_b, bob):
    make_decision(client_b, caseworker=bob, decision_date=dt.date(2024, 3, 1), start_date=dt.date(2024, 3, 1))
    browser_for(alice).post(reverse("web:review_record", args=[home_help_20h.pk]),
                            {"outcome": "unchanged", "reviewed_on": "2025-06-10"})
    page = text(browser_for(hanna).get(reverse("web:review_coverage")))
    assert 'role="img"' in page and re.search(r'<caption id="tbl-\d+">', page)
    assert "1 av 2 beslut är omprövade: 50,0 %" in page
    own = text(browser_for(alice).get(reverse("web:review_coverage")))
    assert "1 av 1 beslut är omprövade: 100,0 %" in own and "Bob" not in own


@pytest.mark.parametrize("name", ["review_record", "review_result", "review_coverage"])
def test_access(client, browser_for, alice, bob, carl, home_help_20h, name):
    review = ReviewRecord.objects.create(
        decision=home_help_20h, reviewed_on=dt.date(2025, 6, 1), outcome="unchanged", extent_before=20,
        annual_cost_before=0, annual_cost_after=0, cost_effect_this_year=0)
    args = {"review_record": [home_help_20h.pk], "review_result": [review.pk], "review_coverage": []}[name]
    url = reverse(f"web:{name}", args=args)
    assert client.get(url).status_code == 302  # anonymous → login
    assert browser_for(carl).get(url).status_code == 403
    assert browser_for(alice).get(url).status_code == 200
    if args:
        assert browser_for(bob).get(url).status_code == 404
