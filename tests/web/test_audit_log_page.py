"""Administrators read the audit trail, filtered by user, event, date and client, page by page."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record


def rows(html: str) -> int:
    return html.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_filters_narrow_the_events(browser_for, ada, alice, hanna, client_a, client_b):
    audit_record(actor=alice, action=AuditAction.CLIENT_VIEWED, client_id=client_a.pk, summary="a")
    audit_record(actor=hanna, action=AuditAction.CLIENT_VIEWED, client_id=client_b.pk, summary="b")
    audit_record(actor=hanna, action=AuditAction.REGISTER_EXPORTED, summary="export")
    browser = browser_for(ada)
    url = reverse("web:audit")
    assert "händelser" in browser.get(url).content.decode()
    assert rows(browser.get(url, {"user": "HANNA"}).content.decode()) == 2
    assert rows(browser.get(url, {"action": AuditAction.CLIENT_VIEWED}).content.decode()) == 2
    assert rows(browser.get(url, {"client_id": client_a.pk}).content.decode()) == 2  # created and viewed
    assert rows(browser.get(url, {"client_id": client_a.pk, "action": AuditAction.CLIENT_VIEWED}).content.decode()) == 1
    today = timezone.localdate()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert "Inga händelser matchar filtret." in browser.get(url, {"date_from": tomorrow}).content.decode()
    assert rows(browser.get(url, {"date_from": today.isoformat(), "date_to": today.isoformat(),
                                  "user": "alice"}).content.decode()) == 1


def test_log_is_paginated(browser_for, ada, alice):
    for number in range(55):
        audit_record(actor=alice, action=AuditAction.CLIENT_VIEWED, client_id=number + 1, summary=str(number))
    browser = browser_for(ada)
    first = browser.get(reverse("web:audit"), {"user": "alice"}).content.decode()
    assert rows(first) == 50 and "Sida 1 av 2" in first and "?user=alice&amp;sida=2" in first
    second = browser.get(reverse("web:audit"), {"user": "alice", "sida": "2"}).content.decode()
    assert rows(second) == 5


def test_invalid_filter_shows_a_swedish_message(browser_for, ada):
    html = browser_for(ada).get(reverse("web:audit"), {"date_from": "2025-05-02", "date_to": "2025-05-01"}).content
    assert "Slutdatumet kan inte vara före startdatumet." in html.decode()
