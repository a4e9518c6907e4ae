"""The access log per client: the admin sees who has read the person's records and downloads it as xlsx or CSV,
safe from formula injection; nobody else may; reading it is itself logged."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.audit.services import audit_record


def test_the_admin_sees_who_read_the_client(browser_for, ada, alice, bob, client_a, client_b):
    browser_for(alice).get(reverse("web:client", args=[client_a.pk]))
    browser_for(bob).get(reverse("web:client", args=[client_b.pk]))
    html = browser_for(ada).get(reverse("web:client_access_log", args=[client_a.pk])).content.decode()
    assert "Alice Andersson (alice)" in html and "Klient öppnad" in html
    assert "bob" not in html  # Bob read another client
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_LOG_READ, client_id=client_a.pk,
                                     actor=ada).exists()


def test_only_the_admin_may_follow_up(browser_for, hanna, alice, client_a):
    for user in (hanna, alice):
        assert browser_for(user).get(reverse("web:client_access_log", args=[client_a.pk])).status_code == 403
        url = reverse("web:client_access_log_download", args=[client_a.pk, "csv"])
        assert browser_for(user).get(url).status_code == 403


def test_the_client_page_links_to_the_access_log_for_the_admin_only(browser_for, ada, hanna, client_a):
    link = reverse("web:client_access_log", args=[client_a.pk])
    assert link in browser_for(ada).get(reverse("web:client", args=[client_a.pk])).content.decode()
    assert link not in browser_for(hanna).get(reverse("web:client", args=[client_a.pk])).content.decode()


def test_downloads_are_formula_safe_and_logged(browser_for, ada, alice, client_a):
    audit_record(actor=alice, action=AuditAction.CLIENT_VIEWED, object_type="client", object_id=client_a.pk,
                 client_id=client_a.pk, summary="=HYPERLINK(\"http://x\")")
    browser = browser_for(ada)
    csv_response = browser.get(reverse("web:client_access_log_download", args=[client_a.pk, "csv"]))
    assert csv_response["Content-Disposition"].endswith('.csv"')
    text = csv_response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";alice;" in text
    xlsx_response = browser.get(reverse("web:client_access_log_download", args=[client_a.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    exported = AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED, client_id=client_a.pk)
    assert sorted(e.detail["format"] for e in exported) == ["csv", "xlsx"]


def test_an_unknown_format_is_not_found(browser_for, ada, client_a):
    assert browser_for(ada).get(reverse("web:client_access_log_download", args=[client_a.pk, "pdf"])).status_code == 404


def test_an_overflowing_client_id_in_the_log_filter_is_a_form_error(browser_for, ada):
    response = browser_for(ada).get(reverse("web:audit"), {"client_id": str(2**63)})
    assert response.status_code == 200 and "Inga händelser matchar filtret." in response.content.decode()
