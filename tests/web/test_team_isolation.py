"""A caseworker sees and changes only their own team's clients; another team's client does not exist for them."""

from __future__ import annotations

from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent


def test_caseworker_cannot_open_another_teams_client(browser_for, alice, client_b):
    response = browser_for(alice).get(reverse("web:client", args=[client_b.pk]))
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED).exists()


def test_caseworker_cannot_change_or_end_another_teams_decision(browser_for, alice, decision_b):
    browser = browser_for(alice)
    change = browser.post(reverse("web:decision_change", args=[decision_b.pk]), {"extent": "9"})
    end = browser.post(reverse("web:decision_end", args=[decision_b.pk]), {"end_date": "2025-12-31"})
    assert change.status_code == 404 and end.status_code == 404
    decision_b.refresh_from_db()
    assert decision_b.end_date is None and decision_b.versions.count() == 1


def test_caseworker_cannot_register_a_decision_for_another_teams_client(browser_for, alice, client_b):
    response = browser_for(alice).get(reverse("web:decision_create", args=[client_b.pk]))
    assert response.status_code == 404


def test_controller_may_look_but_not_change(browser_for, carl, decision_a):
    browser = browser_for(carl)
    assert browser.get(reverse("web:client", args=[decision_a.client_id])).status_code == 200
    response = browser.post(reverse("web:decision_end", args=[decision_a.pk]), {"end_date": "2025-12-31"})
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()


def test_client_list_and_search_show_only_own_team(browser_for, alice, client_a, client_b):
    browser = browser_for(alice)
    listing = browser.get(reverse("web:clients")).content.decode()
    assert "19870312-****" in listing and "19950704-****" not in listing
    search = browser.post(reverse("web:clients"), {"q": "19950704-2464"}, follow=True).content.decode()
    assert "19950704-****" not in search and "0 träffar" in search
