"""Every opening of a client's page is written to the audit trail."""

from __future__ import annotations

from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent


def test_each_opening_of_a_client_page_is_audited(browser_for, hanna, client_a):
    browser = browser_for(hanna)
    url = reverse("web:client", args=[client_a.pk])
    browser.get(url)
    browser.get(url, {"year": "2024"})
    events = AuditEvent.objects.filter(action=AuditAction.CLIENT_VIEWED)
    assert events.count() == 2
    assert {(e.actor_id, e.client_id) for e in events} == {(hanna.pk, client_a.pk)}
