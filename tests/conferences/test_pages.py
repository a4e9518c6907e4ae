"""The conference pages: agenda grouped with comparison panels, minutes through the form, policy questions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion
from insatskollen.conferences.services import conference_prepare

from .conftest import WEEK, make_proposal


@pytest.fixture
def conference(tuesday, team_a, alice, hanna, new_client, make_decision, home_help, group_home):
    older = {"decision_date": dt.date(2024, 1, 8), "start_date": dt.date(2024, 1, 8)}
    for price in (3000, 3100):
        make_decision(new_client(team_a), price=Decimal(price), **older)
    make_decision(new_client(team_a), external_id="B-NEW", decision_date=WEEK, start_date=WEEK)
    make_proposal(client=new_client(team_a), intervention_type=home_help, proposed_by=alice,
                  annual_cost=Decimal(900_000), fields={"extent": "45", "unit": "tim/vecka"})
    return conference_prepare(team=team_a, week=WEEK, actor=hanna)


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_agenda_page_groups_items_and_shows_the_comparison_panel(browser_for, alice, conference):
    page = text(browser_for(alice).get(reverse("web:conference", args=[conference.pk])))
    assert page.index("6115 Hemhjälp") < page.index("6510 Gruppbostad")
    assert "Jämförelse med 2 liknande pågående ärenden" in page
    # Median of 3 000 and 3 100 kr/dygn over a year: 3 050 * 365.
    assert f"{3050 * 365:,}".replace(",", " ") + " kr" in page
    assert 'role="img"' in page and "<title id=\"strip-title-" in page
    assert "B-NEW" in page and "****" in page and "19800101" in page
    assert "Markera som genomförd" not in page  # only the unit head closes


def test_minutes_are_saved_through_the_form(browser_for, alice, conference):
    item = conference.items.get(decision__external_id="B-NEW")
    url = reverse("web:agenda_item_minutes", args=[conference.pk, item.pk])
    response = browser_for(alice).post(url, {f"punkt-{item.pk}-outcome": "bifall",
                                           f"punkt-{item.pk}-minutes": "Beviljas som föreslaget."})
    assert response.status_code == 302 and response["Location"].endswith(f"#punkt-{item.pk}")
    item.refresh_from_db()
    assert (item.outcome, item.minutes, item.recorded_by) == ("bifall", "Beviljas som föreslaget.", alice)
    assert AuditEvent.objects.filter(action=AuditAction.CONFERENCE_CHANGED, object_type="agenda_item").count() == 1


def test_an_empty_minutes_form_shows_a_swedish_error_next_to_the_field(browser_for, alice, conference):
    item = conference.items.first()
    url = reverse("web:agenda_item_minutes", args=[conference.pk, item.pk])
    page = text(browser_for(alice).post(url, {f"punkt-{item.pk}-outcome": "", f"punkt-{item.pk}-minutes": " "}))
    assert "Skriv protokoll eller välj ett utfall." in page
    assert (f'aria-describedby="id_punkt-{item.pk}-minutes_helptext id_punkt-{item.pk}-minutes_error"' in page
            and f'id="id_punkt-{item.pk}-minutes_error"' in page)
    item.refresh_from_db()
    assert item.minutes == "" and item.outcome == ""


def test_the_unit_head_closes_the_conference_and_the_page_locks(browser_for, hanna, conference):
    browser = browser_for(hanna)
    url = reverse("web:conference_close", args=[conference.pk])
    assert "Fyll i ett giltigt datum" in text(browser.post(url, {"held_on": "i går"}))
    response = browser.post(url, {"held_on": "2025-03-18"})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.is_held and conference.held_on == dt.date(2025, 3, 18)
    page = text(browser.get(reverse("web:conference", args=[conference.pk])))
    assert "Ej behandlat" in page and "Spara protokoll" not in page


def test_overview_offers_to_prepare_coming_weeks(browser_for, hanna, conference, team_a):
    browser = browser_for(hanna)
    page = text(browser.get(reverse("web:conferences")))
    assert "Öppna dagordningen v. 12" in page and "Ta fram dagordning v. 13" in page
    response = browser.post(reverse("web:conference_prepare"), {"team": team_a.code, "week": "2025-03-26"})
    created = Conference.objects.get(team=team_a, week_start=dt.date(2025, 3, 24))
    assert response["Location"] == reverse("web:conference", args=[created.pk])
    past = browser.post(reverse("web:conference_prepare"), {"team": team_a.code, "week": "2025-03-03"}, follow=True)
    assert "denna och kommande veckor" in text(past)
    assert not Conference.objects.filter(week_start=dt.date(2025, 3, 3)).exists()


def test_a_caseworker_flags_a_case_as_a_policy_question(browser_for, alice, client_a, make_decision, tuesday, team_a, hanna):
    decision = make_decision(client_a, external_id="B-Q")
    url = reverse("web:policy_question_raise", args=[client_a.pk])
    browser = browser_for(alice)
    page = text(browser.post(url, {"text": "", "decision": ""}))
    assert "Beskriv principfrågan." in page
    response = browser.post(url, {"text": "Ska detta beviljas?", "decision": decision.pk})
    assert response["Location"] == reverse("web:client", args=[client_a.pk])
    question = PolicyQuestion.objects.get()
    assert (question.decision, question.raised_by) == (decision, alice)
    item = conference_prepare(team=team_a, week=WEEK, actor=hanna).items.get(kind=AgendaItem.Kind.POLICY_QUESTION)
    assert item.title == "Ska detta beviljas?"


def test_agenda_page_queries_do_not_grow_with_the_number_of_items(browser_for, alice, conference, team_a, new_client,
                                                                  make_decision, django_assert_max_num_queries):
    url = reverse("web:conference", args=[conference.pk])
    browser = browser_for(alice)
    with django_assert_max_num_queries(8):
        browser.get(url)
    for _ in range(5):
        make_decision(new_client(team_a), decision_date=WEEK, start_date=WEEK)
    conference_prepare(team=team_a, week=WEEK, actor=alice)
    assert conference.items.count() == 7
    with django_assert_max_num_queries(8):
        assert text(browser.get(url)).count('class="agenda-item"') == 7


def test_flag_include_offers_the_form_to_caseworkers_but_not_the_controller(alice, carl, client_a):
    def render(user) -> str:
        return render_to_string("web/conferences/_flag_form.html", {"client": client_a, "user": user})

    assert reverse("web:policy_question_raise", args=[client_a.pk]) in render(alice)
    assert "Anmäl principfråga" not in render(carl)
