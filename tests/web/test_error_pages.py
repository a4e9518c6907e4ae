"""Errors are explained in Swedish, inside the usual page layout."""

from __future__ import annotations

from django.urls import reverse


def test_not_found_page_is_swedish(browser_for, hanna):
    response = browser_for(hanna).get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Sidan finns inte</h1>" in html and 'lang="sv"' in html


def test_forbidden_page_is_swedish(browser_for, carl):
    response = browser_for(carl).get(reverse("web:audit"))
    assert response.status_code == 403
    assert "<h1>Åtkomst nekad</h1>" in response.content.decode()
