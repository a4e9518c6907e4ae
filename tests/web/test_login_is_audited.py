"""Logging in, successfully or not, is recorded in the audit trail; the login page speaks Swedish."""

from __future__ import annotations

from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD


def test_successful_login_goes_home_and_is_audited(client, alice):
    response = client.post(reverse("web:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == alice


def test_failed_login_is_refused_in_swedish_and_audited(client, alice):
    response = client.post(reverse("web:login"), {"username": "alice", "password": "fel"})
    assert response.status_code == 200
    assert "Observera att båda fälten är skiftlägeskänsliga" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None and event.actor_name == "alice"
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_login_page_has_labels_and_one_heading(client, db):
    html = client.get(reverse("web:login")).content.decode()
    assert html.count("<h1") == 1
    assert '<label for="id_username"' in html and '<label for="id_password"' in html
    assert 'href="#main"' in html and '<main id="main"' in html


def test_logout_returns_to_login(browser_for, alice):
    browser = browser_for(alice)
    response = browser.post(reverse("web:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("web:login")
    assert browser.get(reverse("web:home")).status_code == 302
