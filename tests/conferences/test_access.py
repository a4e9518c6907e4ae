"""Who may see the case conference pages: the team's caseworkers, the unit head and admins; 404 for another
team's conference or client, 403 for the controller, login for anonymous visitors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insatskollen.conferences.services import conference_prepare

from .conftest import WEEK


@pytest.fixture
def conference_a(tuesday, team_a, hanna, client_a, make_decision):
    make_decision(client_a, decision_date=WEEK, start_date=WEEK)
    return conference_prepare(team=team_a, week=WEEK, actor=hanna)


def urls(conference, client) -> dict[str, tuple[str, str]]:
    """url name → (url, method)."""
    item = conference.items.first()
    return {
        "conferences": (reverse("web:conferences"), "get"),
        "conference": (reverse("web:conference", args=[conference.pk]), "get"),
        "conference_pdf": (reverse("web:conference_pdf", args=[conference.pk]), "get"),
        "policy_question_raise": (reverse("web:policy_question_raise", args=[client.pk]), "get"),
        "conference_prepare": (reverse("web:conference_prepare"), "post"),
        "conference_close": (reverse("web:conference_close", args=[conference.pk]), "post"),
        "agenda_item_minutes": (reverse("web:agenda_item_minutes", args=[conference.pk, item.pk]), "post"),
    }


NAMES = ["conferences", "conference", "conference_pdf", "policy_question_raise", "conference_prepare",
         "conference_close", "agenda_item_minutes"]


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_login(client, conference_a, client_a, name):
    url, method = urls(conference_a, client_a)[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("name", NAMES)
def test_the_controller_is_refused(browser_for, carl, conference_a, client_a, name):
    url, method = urls(conference_a, client_a)[name]
    assert getattr(browser_for(carl), method)(url).status_code == 403


@pytest.mark.parametrize("name", ["conference", "conference_pdf", "policy_question_raise"])
@pytest.mark.parametrize("persona", ["alice", "hanna", "ada"])
def test_team_members_and_the_unit_head_may_read(browser_for, request, conference_a, client_a, name, persona):
    url, _ = urls(conference_a, client_a)[name]
    assert browser_for(request.getfixturevalue(persona)).get(url).status_code == 200


@pytest.mark.parametrize("name", ["conference", "conference_pdf", "policy_question_raise", "agenda_item_minutes"])
def test_another_teams_caseworker_gets_404(browser_for, bob, conference_a, client_a, name):
    url, method = urls(conference_a, client_a)[name]
    assert getattr(browser_for(bob), method)(url, {"minutes": "x", "held_on": "2025-03-18"}).status_code == 404


def test_only_the_unit_head_closes_a_conference(browser_for, alice, conference_a, client_a):
    url, _ = urls(conference_a, client_a)["conference_close"]
    assert browser_for(alice).post(url, {"held_on": "2025-03-18"}).status_code == 403
    conference_a.refresh_from_db()
    assert not conference_a.is_held


def test_a_caseworker_cannot_prepare_another_teams_agenda(browser_for, bob, team_a, tuesday):
    response = browser_for(bob).post(reverse("web:conference_prepare"), {"team": team_a.code, "week": "2025-03-17"})
    assert response.status_code == 404


def test_caseworkers_see_only_their_own_team_on_the_overview(browser_for, alice, bob, conference_a, team_a, team_b):
    page = browser_for(bob).get(reverse("web:conferences")).content.decode()
    assert team_b.name in page and team_a.name not in page
    page = browser_for(alice).get(reverse("web:conferences")).content.decode()
    assert reverse("web:conference", args=[conference_a.pk]) in page
