"""The export gives the decisions the user may see as .xlsx or .csv, and is audited."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent


def test_export_returns_an_xlsx_of_the_visible_decisions(browser_for, hanna, decision_a, decision_b):
    response = browser_for(hanna).get(reverse("web:export"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="insatskollen-register-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Beslut-id", "Personnummer")
    assert sorted(r[0] for r in rows[1:]) == ["B-A1", "B-B1"]
    event = AuditEvent.objects.get(action=AuditAction.REGISTER_EXPORTED)
    assert event.actor == hanna and event.detail == {"format": "xlsx", "decisions": 2}


def test_caseworker_exports_only_own_team_as_csv(browser_for, alice, decision_a, decision_b):
    response = browser_for(alice).get(reverse("web:export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "B-A1" in text and "B-B1" not in text
    assert "19870312-1239" in text and "19950704" not in text


def test_export_page_explains_what_is_included(browser_for, alice, decision_a, decision_b):
    html = browser_for(alice).get(reverse("web:export")).content.decode()
    assert "ditt teams klienter" in html and "1 beslut" in html
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTER_EXPORTED).exists()
